package org.clientele.crm.impl.system;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.clientele.crm.api.system.NodeStatus;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.api.system.SystemStatus;
import org.clientele.crm.impl.persistence.DatabaseMigrator;
import org.clientele.crm.impl.persistence.Jdbc;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The CRM's own status, and the heartbeat that lets nodes sharing one database see each other. */
@ApplicationScoped
@Transactional
public class DefaultSystemService implements SystemService {

  /** A node missing this many heartbeats in a row no longer counts as alive. */
  private static final int MISSED_HEARTBEATS_BEFORE_GONE = 3;

  @Inject NodeIdentity node;

  @Inject JpaClusterNodeRepository nodes;

  @Inject DatabaseMigrator migrator;

  @Inject
  @ConfigProperty(name = "crm.system.heartbeat.period")
  long heartbeatPeriodMillis;

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  private volatile String databaseProduct;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public SystemStatus status() {
    Instant now = Instant.now();
    Instant aliveSince = now.minus(Duration.ofMillis(heartbeatPeriodMillis * MISSED_HEARTBEATS_BEFORE_GONE));
    List<NodeStatus> alive = nodes.findSeenSince(aliveSince).stream().map(DefaultSystemService::toStatus).toList();
    return new SystemStatus(
        node.version(), databaseProduct(), migrator.state().currentVersion(), node.name(), alive, now);
  }

  @Override
  public NodeStatus recordHeartbeat() {
    String name = node.name(); // first use creates the identity, and with it the start time
    Instant now = Instant.now();
    ClusterNode self = nodes.find(name).orElseGet(() -> {
      ClusterNode created = new ClusterNode(name, node.version(), node.startedAt());
      nodes.store(created);
      return created;
    });
    self.beat(node.version(), node.startedAt(), now);
    return toStatus(self);
  }

  @Override
  public String nodeName() {
    return node.name();
  }

  private String databaseProduct() {
    String product = databaseProduct;
    if (product == null) {
      try (Connection connection = Jdbc.connection(dataSource)) {
        DatabaseMetaData meta = connection.getMetaData();
        product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        databaseProduct = product;
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot read the database's metadata", e);
      }
    }
    return product;
  }

  private static NodeStatus toStatus(ClusterNode n) {
    return new NodeStatus(n.name(), n.version(), n.startedAt(), n.lastSeenAt(), n.heartbeats());
  }
}
