package org.clientele.crm.datagen;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Command line: {@code load} (default), {@code dump}, {@code baseline}, {@code emit}, {@code send}. See
 * docs/data-generator.md.
 */
public final class DataGen {

  private DataGen() {}

  /** Kept referenced: java.util.logging holds loggers weakly, and a collected one forgets its level. */
  private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

  static final String USAGE = """
      Usage: DataGen [load|dump|baseline|emit|send] [--option value ...]
        model:   --seed 42 --customers 1000000 --interactions 6000000 --purchases 4000000
                 --reference-date 2026-11-30T00:00:00Z --years 3 --duplicates 0.02
                 --shop clientele-demo.myshopify.com --audience a1b2c3d4e5
                 (--interactions/--purchases default to 6 and 4 per customer)
        load:    --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --password '' --schema clientele_data
                 --fresh (drop the schema first) --threads <cores> (generator threads)
        dump:    --out DIR   (COPY text files, one per table)
        baseline:--from DIR  (COPY the dumped files into the schema: load time without generation) + load options
        emit:    --out DIR   (ERP JSONL files, Shopify deliveries, Mailchimp webhook bodies)
        send:    --from DIR --to http://host:port --rate 50 --shopify-secret S --mailchimp-secret S
      """;

  public static void main(String[] args) throws Exception {
    FLYWAY.setLevel(java.util.logging.Level.WARNING);
    String mode = args.length > 0 && !args[0].startsWith("--") ? args[0] : "load";
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = mode.equals("load") && (args.length == 0 || args[0].startsWith("--")) ? 0 : 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        fail("unexpected argument " + a);
      }
      String name = a.substring(2);
      if (name.equals("fresh") || name.equals("help")) {
        o.put(name, "true");
      } else if (i + 1 < args.length) {
        o.put(name, args[++i]);
      } else {
        fail("--" + name + " needs a value");
      }
    }
    if (o.containsKey("help")) {
      System.out.print(USAGE);
      return;
    }
    Model.Settings d = Model.Settings.defaults();
    int customers = Integer.parseInt(o.getOrDefault("customers", Integer.toString(d.customers())));
    Model.Settings settings = new Model.Settings(Long.parseLong(o.getOrDefault("seed", Long.toString(d.seed()))),
        customers, Long.parseLong(o.getOrDefault("interactions", Long.toString(customers * 6L))),
        Long.parseLong(o.getOrDefault("purchases", Long.toString(customers * 4L))),
        Instant.parse(o.getOrDefault("reference-date", d.referenceDate().toString())),
        Integer.parseInt(o.getOrDefault("years", Integer.toString(d.years()))),
        Double.parseDouble(o.getOrDefault("duplicates", Double.toString(d.duplicateShare()))),
        o.getOrDefault("shop", d.shop()), o.getOrDefault("audience", d.audience()));
    int threads = Integer.parseInt(o.getOrDefault("threads",
        Integer.toString(Runtime.getRuntime().availableProcessors())));
    PgLoader.Target target = new PgLoader.Target(o.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/test"),
        o.getOrDefault("user", "postgres"), o.getOrDefault("password", ""), o.getOrDefault("schema", "clientele_data"));
    long t0 = System.nanoTime();
    switch (mode) {
      case "load", "baseline" -> {
        PgLoader loader = new PgLoader(target, DataGen::log);
        if (o.containsKey("fresh")) {
          loader.dropSchema();
        }
        PgLoader.Result r;
        if (mode.equals("load")) {
          Model model = model(settings);
          r = loader.load(model, threads);
        } else {
          r = loader.loadDump(Path.of(required(o, "from")));
        }
        r.rows().forEach((t, n) -> log(String.format(Locale.ROOT, "  %-24s %,12d", t.table(), n)));
        log(String.format(Locale.ROOT, "%s: %,d rows in %.1f s (%,.0f rows/s overall; COPY phase %.1f s = %,.0f"
            + " rows/s; keys and indexes %.1f s; ANALYZE %.1f s)", mode, r.totalRows(), r.total(),
            r.totalRows() / r.total(), r.copy(), r.totalRows() / r.copy(), r.keys(), r.analyze()));
      }
      case "dump" -> {
        Model model = model(settings);
        Map<Table, Long> rows = DumpWriter.write(model, Path.of(required(o, "out")), threads);
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        rows.forEach((t, n) -> log(String.format(Locale.ROOT, "  %-24s %,12d", t.table(), n)));
        double s = (System.nanoTime() - t0) / 1e9;
        log(String.format(Locale.ROOT, "dump: %,d rows in %.1f s (%,.0f rows/s)", total, s, total / s));
      }
      case "emit" -> {
        Model model = model(settings);
        try (Emitter e = new Emitter(model, Path.of(required(o, "out")))) {
          Map<String, Long> counts = e.emitAll();
          counts.forEach((k, n) -> log(String.format(Locale.ROOT, "  %-20s %,12d", k, n)));
        }
        log(String.format(Locale.ROOT, "emit: %.1f s", (System.nanoTime() - t0) / 1e9));
      }
      case "send" -> {
        Sender sender = new Sender(required(o, "to"), Double.parseDouble(o.getOrDefault("rate", "50")),
            o.get("shopify-secret"), o.get("mailchimp-secret"), DataGen::log);
        Sender.Totals t = sender.send(Path.of(required(o, "from")));
        log(String.format(Locale.ROOT, "send: %,d sent, %,d accepted, %,d failed in %.1f s", t.sent(), t.accepted(),
            t.failed(), (System.nanoTime() - t0) / 1e9));
      }
      default -> fail("unknown mode " + mode);
    }
  }

  private static Model model(Model.Settings settings) {
    long t = System.nanoTime();
    Model model = new Model(settings);
    log(String.format(Locale.ROOT, "Model: seed %d, %,d customers, targets %,d interactions and %,d purchases,"
        + " %s back from %s (%.1f s)", settings.seed(), settings.customers(), settings.interactions(),
        settings.purchases(), settings.years() + " years", settings.referenceDate(), (System.nanoTime() - t) / 1e9));
    return model;
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null) {
      fail("--" + name + " is required");
    }
    return v;
  }

  private static void fail(String message) {
    System.err.println(message);
    System.err.print(USAGE);
    System.exit(2);
  }

  static void log(String line) {
    System.out.println(line);
  }
}
