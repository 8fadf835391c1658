package org.clientele.crm.api.system;

import java.time.Instant;

/**
 * One CRM server sharing the database.
 *
 * @param name the node name ({@code crm.node.name}, by default host name and process id)
 * @param version the Clientele release the node runs
 * @param startedAt when the node started
 * @param lastSeenAt its latest heartbeat
 * @param heartbeats how many heartbeats it recorded since it started
 */
public record NodeStatus(String name, String version, Instant startedAt, Instant lastSeenAt, long heartbeats) {}
