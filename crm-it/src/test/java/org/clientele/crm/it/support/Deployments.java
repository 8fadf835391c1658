package org.clientele.crm.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The one place that builds test deployments from the EAR the build produced. */
public final class Deployments {

  /** Deployed under this name, so that java:global names are those of a real installation. */
  public static final String EAR_NAME = "clientele.ear";

  private Deployments() {}

  private static volatile boolean ready;

  /**
   * The real EAR, unchanged, named as in a real installation. The test server deploys it itself (its server.xml), once
   * for all the ITs of a run, so the ITs declare it as an unmanaged deployment: Arquillian calls this when it sets a
   * test class up, and the first call waits until the application is ready (the server reports started before its
   * applications are).
   */
  public static EnterpriseArchive clienteleEar() {
    awaitReadyOnce();
    String path = System.getProperty("it.ear");
    if (path == null) {
      throw new IllegalStateException("System property it.ear is not set: run the ITs through Maven (mvn verify)");
    }
    File ear = new File(path);
    if (!ear.isFile()) {
      throw new IllegalStateException("The EAR " + ear + " does not exist: build it first (mvn verify)");
    }
    return ShrinkWrap.create(ZipImporter.class, EAR_NAME).importFrom(ear).as(EnterpriseArchive.class);
  }

  private static void awaitReadyOnce() {
    if (ready) {
      return;
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3))
        .pollInterval(java.time.Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> TestServer.send(TestServer.request("/health/ready").GET()).statusCode() == 200);
    ready = true;
  }
}
