package org.clientele.crm.datagen;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.clientele.crm.impl.persistence.StandaloneMigration;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Loads the generated rows into a PostgreSQL schema the way pg_restore would: the schema is migrated with the
 * server's own migrations, the loaded tables' indexes and key/foreign-key constraints are dropped (their
 * definitions kept), every table is filled by its own COPY stream in parallel, then the indexes and constraints
 * are created again (which checks every key and reference), the id sequences are moved past the loaded ids and
 * the tables analyzed. Only into empty tables: a failed load leaves the schema to be dropped.
 */
public final class PgLoader {

  /** Where to load: JDBC URL of the database, user, password and schema. */
  public record Target(String url, String user, String password, String schema) {}

  /** Rows per table and the time of each phase, in seconds. */
  public record Result(Map<Table, Long> rows, double migrate, double dropKeys, double copy, double keys,
      double analyze) {
    public long totalRows() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public double total() {
      return migrate + dropKeys + copy + keys + analyze;
    }
  }

  private static final String[][] SEQUENCES = {
    {"crm_customer_seq", "crm_customer"}, {"crm_consent_seq", "crm_consent"},
    {"crm_interaction_seq", "crm_interaction"}, {"crm_conversation_seq", "crm_conversation"},
    {"crm_purchase_seq", "crm_purchase"},
  };

  private final Target target;
  private final Consumer<String> log;

  public PgLoader(Target target, Consumer<String> log) {
    this.target = target;
    this.log = log;
  }

  /** Generates and loads the model's data. */
  public Result load(Model model, int generatorThreads) throws Exception {
    return run(tables -> {
      try (Blocks blocks = new Blocks(model, generatorThreads)) {
        byte[][] block;
        while ((block = blocks.next()) != null) {
          for (Table t : Table.values()) {
            if (block[t.ordinal()].length > 0) {
              tables.get(t).put(block[t.ordinal()]);
            }
          }
        }
      }
    }, null);
  }

  /** Loads COPY files written by {@link DumpWriter}: the COPY baseline, the same bytes without generating them. */
  public Result loadDump(Path directory) throws Exception {
    return run(null, directory);
  }

  private interface Producer {
    void produce(Map<Table, Stream> tables) throws Exception;
  }

  /** One table's COPY: fed by the producer through a small queue, or from a file. */
  private static final class Stream {
    final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(6);
    volatile Exception failure;

    void put(byte[] bytes) throws Exception {
      while (!queue.offer(bytes, 1, TimeUnit.SECONDS)) {
        if (failure != null) {
          throw failure;
        }
      }
    }
  }

  private static final byte[] END = new byte[0];

  private Result run(Producer producer, Path dump) throws Exception {
    long t0 = System.nanoTime();
    createSchema();
    String version = StandaloneMigration.migrate(dataSource(), target.schema());
    log.accept("Schema " + target.schema() + " migrated to version " + version);
    List<String> recreate;
    List<String> foreignKeys;
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (Table t : Table.values()) {
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + t.table() + ")")) {
          rs.next();
          if (rs.getBoolean(1)) {
            throw new IllegalStateException(t.table() + " is not empty: load into a fresh schema (--fresh drops and"
                + " creates it)");
          }
        }
      }
    }
    double migrate = seconds(t0);
    long t1 = System.nanoTime();
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      foreignKeys = definitions(c, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM"
          + " pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND (conrelid = ANY(?::regclass[])"
          + " OR confrelid = ANY(?::regclass[]))", 2);
      List<String> keys = definitions(c, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM"
          + " pg_constraint WHERE contype IN ('p', 'u') AND conrelid = ANY(?::regclass[])", 1);
      List<String> indexes = new ArrayList<>();
      List<String> dropIndexes = new ArrayList<>();
      try (var ps = c.prepareStatement("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i"
          + " WHERE indrelid = ANY(?::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid ="
          + " i.indexrelid)")) {
        ps.setArray(1, c.createArrayOf("text", tableNames()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            dropIndexes.add("DROP INDEX " + rs.getString(1));
            indexes.add(rs.getString(2));
          }
        }
      }
      try (Statement s = c.createStatement()) {
        for (String fk : foreignKeys) {
          s.execute(drop(fk));
        }
        for (String key : keys) {
          s.execute(drop(key));
        }
        for (String index : dropIndexes) {
          s.execute(index);
        }
      }
      c.commit();
      recreate = new ArrayList<>(keys.stream().map(PgLoader::add).toList());
      recreate.addAll(indexes);
      log.accept(String.format(Locale.ROOT, "Dropped %d keys, %d indexes and %d foreign keys for the load",
          keys.size(), indexes.size(), foreignKeys.size()));
    }
    double dropKeys = seconds(t1);

    long t2 = System.nanoTime();
    Map<Table, Long> rows = new EnumMap<>(Table.class);
    ExecutorService copiers = Executors.newFixedThreadPool(Table.values().length);
    Map<Table, Stream> streams = new EnumMap<>(Table.class);
    Map<Table, Future<Long>> results = new EnumMap<>(Table.class);
    List<Connection> connections = new ArrayList<>();
    try {
      for (Table t : Table.values()) {
        Connection c = connect();
        connections.add(c);
        c.setAutoCommit(false);
        Stream stream = new Stream();
        streams.put(t, stream);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        results.put(t, copiers.submit(() -> {
          try {
            if (dump != null) {
              try (InputStream in = new BufferedInputStream(Files.newInputStream(dump.resolve(t.table() + ".copy")),
                  1 << 20)) {
                return copy.copyIn(t.copySql(), in, 1 << 20);
              }
            }
            CopyIn in = copy.copyIn(t.copySql());
            try {
              byte[] bytes;
              while ((bytes = stream.queue.take()) != END) {
                in.writeToCopy(bytes, 0, bytes.length);
              }
              return in.endCopy();
            } finally {
              if (in.isActive()) {
                in.cancelCopy();
              }
            }
          } catch (Exception e) {
            stream.failure = e;
            throw e;
          }
        }));
      }
      if (producer != null) {
        producer.produce(streams);
        for (Stream s : streams.values()) {
          s.put(END);
        }
      }
      for (Table t : Table.values()) {
        rows.put(t, results.get(t).get());
      }
      for (Connection c : connections) {
        c.commit();
      }
    } finally {
      copiers.shutdownNow();
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing after a failure
        }
      }
    }
    double copy = seconds(t2);
    long total = rows.values().stream().mapToLong(Long::longValue).sum();
    log.accept(String.format(Locale.ROOT, "Copied %,d rows in %.1f s (%,.0f rows/s)", total, copy, total / copy));

    long t3 = System.nanoTime();
    parallel(recreate, "SET maintenance_work_mem = '256MB'");
    parallel(foreignKeys.stream().map(PgLoader::add).toList(), "SET maintenance_work_mem = '256MB'");
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String[] seq : SEQUENCES) {
        // EclipseLink allocates a block of the sequence's increment (50 or 500) ending at nextval: with the sequence
        // at or past every loaded id, the next block starts after them.
        s.execute("SELECT setval('" + seq[0] + "', GREATEST((SELECT last_value FROM " + seq[0] + "),"
            + " (SELECT (COALESCE(MAX(id), 0) + 49) / 50 * 50 FROM " + seq[1] + ")))");
      }
    }
    double keys = seconds(t3);
    log.accept(String.format(Locale.ROOT, "Keys, indexes and foreign keys created (and checked) in %.1f s", keys));
    long t4 = System.nanoTime();
    parallel(Table.all().stream().map(t -> "ANALYZE " + t.table()).toList(), null);
    double analyze = seconds(t4);
    log.accept(String.format(Locale.ROOT, "Analyzed in %.1f s", analyze));
    return new Result(rows, migrate, dropKeys, copy, keys, analyze);
  }

  /** Runs statements on two connections (the machine's cores); the first failure fails the load. */
  private void parallel(List<String> statements, String setup) throws Exception {
    int threads = Math.min(Math.max(1, Runtime.getRuntime().availableProcessors()), 4);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      java.util.concurrent.ConcurrentLinkedQueue<String> work = new java.util.concurrent.ConcurrentLinkedQueue<>(
          statements);
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        done.add(pool.submit(() -> {
          try (Connection c = connect(); Statement s = c.createStatement()) {
            if (setup != null) {
              s.execute(setup);
            }
            String sql;
            while ((sql = work.poll()) != null) {
              s.execute(sql);
            }
          }
          return null;
        }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<String> definitions(Connection c, String sql, int arrays) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var ps = c.prepareStatement(sql)) {
      for (int i = 1; i <= arrays; i++) {
        ps.setArray(i, c.createArrayOf("text", tableNames()));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + "\t" + rs.getString(2) + "\t" + rs.getString(3));
        }
      }
    }
    return out;
  }

  private static String drop(String definition) {
    String[] d = definition.split("\t", 3);
    return "ALTER TABLE " + d[0] + " DROP CONSTRAINT " + d[1];
  }

  private static String add(String definition) {
    String[] d = definition.split("\t", 3);
    return "ALTER TABLE " + d[0] + " ADD CONSTRAINT " + d[1] + " " + d[2];
  }

  private static String[] tableNames() {
    return Table.all().stream().map(Table::table).toArray(String[]::new);
  }

  private void createSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + target.schema());
    }
  }

  /** Drops the schema with everything in it. */
  public void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + target.schema() + " CASCADE");
    }
  }

  PGSimpleDataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(target.url());
    ds.setUser(target.user());
    ds.setPassword(target.password());
    ds.setCurrentSchema(target.schema());
    return ds;
  }

  Connection connect() throws SQLException {
    return dataSource().getConnection();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

}
