package org.clientele.crm.datagen;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Writes the generated rows as one COPY text file per table ({@code <table>.copy}), without a database. */
public final class DumpWriter {

  private DumpWriter() {}

  /** Returns the rows written per table. */
  public static Map<Table, Long> write(Model model, Path directory, int threads) throws Exception {
    Files.createDirectories(directory);
    Map<Table, OutputStream> files = new EnumMap<>(Table.class);
    Map<Table, Long> rows = new EnumMap<>(Table.class);
    try (Blocks blocks = new Blocks(model, threads)) {
      for (Table t : Table.values()) {
        files.put(t, new BufferedOutputStream(Files.newOutputStream(directory.resolve(t.table() + ".copy")), 1 << 20));
        rows.put(t, 0L);
      }
      byte[][] block;
      while ((block = blocks.next()) != null) {
        for (Table t : Table.values()) {
          byte[] bytes = block[t.ordinal()];
          files.get(t).write(bytes);
          long n = 0;
          for (byte b : bytes) {
            if (b == '\n') {
              n++;
            }
          }
          rows.merge(t, n, Long::sum);
        }
      }
    } finally {
      for (OutputStream out : files.values()) {
        out.close();
      }
    }
    return rows;
  }
}
