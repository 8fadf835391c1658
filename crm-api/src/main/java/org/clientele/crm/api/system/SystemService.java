package org.clientele.crm.api.system;

/**
 * What a host application or an operator asks of the CRM as a whole.
 *
 * <p>Available by CDI injection and as the local EJB view
 * {@code java:global/clientele/crm-ejb/SystemServiceBean!org.clientele.crm.api.system.SystemService}.
 */
public interface SystemService {

  /** The CRM's version, its database and schema, and the nodes currently sharing that database. */
  SystemStatus status();

  /**
   * Records that this node is alive. Called periodically by the {@code system-heartbeat} route so that
   * nodes sharing one database can see each other (and, later, hand over scheduled work).
   */
  NodeStatus recordHeartbeat();

  /** This node's name among the servers sharing the database ({@code crm.node.name}). */
  String nodeName();
}
