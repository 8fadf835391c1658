package org.clientele.crm.impl.system;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who this CRM server is: its name among the nodes sharing the database, its release, its start. */
@ApplicationScoped
public class NodeIdentity {

  private final String name;
  private final String version;
  private final Instant startedAt = Instant.now();

  @Inject
  public NodeIdentity(@ConfigProperty(name = "crm.node.name") Optional<String> configuredName) {
    this.name = configuredName.filter(n -> !n.isBlank()).orElseGet(NodeIdentity::defaultName);
    this.version = readVersion();
  }

  /** CDI needs a no-argument constructor for the client proxy; it is never used for a real instance. */
  protected NodeIdentity() {
    this.name = null;
    this.version = null;
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** Host name and process id: unique among servers on one machine, and readable in logs. */
  private static String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  private static String readVersion() {
    try (InputStream in = NodeIdentity.class.getResourceAsStream("/META-INF/clientele/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
