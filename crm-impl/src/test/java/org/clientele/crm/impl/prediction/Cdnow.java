package org.clientele.crm.impl.prediction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The CDNOW sample of Fader, Hardie &amp; Lee (2005): 2,357 customers, 39-week calibration window, time in weeks. */
final class Cdnow {

  private static List<PurchaseHistory> histories;

  private Cdnow() {}

  static synchronized List<PurchaseHistory> histories() {
    if (histories == null) {
      histories = List.copyOf(load());
    }
    return histories;
  }

  private static List<PurchaseHistory> load() {
    List<PurchaseHistory> out = new ArrayList<>();
    try (InputStream in = Cdnow.class.getResourceAsStream("/prediction/cdnow_summary.csv");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false; // ID,x,t_x,T,zbar
          continue;
        }
        String[] f = line.split(",");
        out.add(new PurchaseHistory(Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            Double.parseDouble(f[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
