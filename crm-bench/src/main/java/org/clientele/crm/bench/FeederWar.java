package org.clientele.crm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The feeder WAR ({@code crm-bench/feeder}), which runners that measure inside the CRM's server drop next to it. */
final class FeederWar {

  static final String DEFAULT_WAR = "crm-bench/feeder/target/crm-bench-feeder.war";

  private FeederWar() {}

  /**
   * Copies the WAR into the server's dropins unless {@code probe} (a URL of the feeder) answers already with a status
   * other than 404, then waits for it.
   */
  static void deploy(HttpClient http, String probe, String dropins, String war) throws Exception {
    if (answers(http, probe)) {
      return;
    }
    if (dropins == null) {
      throw new IllegalStateException("The feeder is not deployed at " + probe + ": pass --dropins <server>/dropins");
    }
    Path source = Path.of(war);
    if (!Files.exists(source)) {
      source = Path.of("..").resolve(war); // exec:java run from crm-bench
    }
    Path deployed = Path.of(dropins).resolve("crm-bench-feeder.war");
    // Replacing a WAR the server is still starting makes it redeploy; the same one is left alone.
    if (!Files.exists(deployed) || Files.mismatch(source, deployed) != -1) {
      Files.copy(source, deployed, StandardCopyOption.REPLACE_EXISTING);
    }
    long deadline = System.currentTimeMillis() + 120_000;
    while (!answers(http, probe)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("The feeder did not start at " + probe);
      }
      Thread.sleep(500);
    }
  }

  /** Whether the URL answers with something else than 404 (a servlet that only takes POST answers 405 to GET). */
  static boolean answers(HttpClient http, String url) {
    try {
      int status = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      return status != 404 && status < 500;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
