package org.clientele.crm.api.system;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of the running CRM.
 *
 * @param version the Clientele release
 * @param databaseProduct the database product and version behind the data source
 * @param schemaVersion the latest applied schema migration, or {@code null} before the first one
 * @param node the node that answered
 * @param nodes every node that sent a heartbeat recently, this one included
 * @param checkedAt when this snapshot was taken
 */
public record SystemStatus(
    String version,
    String databaseProduct,
    String schemaVersion,
    String node,
    List<NodeStatus> nodes,
    Instant checkedAt) {

  public SystemStatus {
    nodes = List.copyOf(nodes);
  }
}
