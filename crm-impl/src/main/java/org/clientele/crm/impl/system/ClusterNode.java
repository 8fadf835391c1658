package org.clientele.crm.impl.system;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A CRM server that shares the database, as its heartbeats describe it. */
@Entity
@Table(name = "crm_node")
@NamedQuery(
    name = "ClusterNode.seenSince",
    query = "SELECT n FROM ClusterNode n WHERE n.lastSeenAt >= :since ORDER BY n.name")
public class ClusterNode {

  @Id
  @Column(name = "name", length = 200)
  private String name;

  @Column(name = "version", nullable = false, length = 50)
  private String version;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "last_seen_at", nullable = false)
  private Instant lastSeenAt;

  @Column(name = "heartbeats", nullable = false)
  private long heartbeats;

  protected ClusterNode() {}

  ClusterNode(String name, String version, Instant startedAt) {
    this.name = name;
    this.version = version;
    this.startedAt = startedAt;
    this.lastSeenAt = startedAt;
  }

  /** A heartbeat from a node that restarted resets its start time and count. */
  void beat(String currentVersion, Instant nodeStartedAt, Instant now) {
    if (!nodeStartedAt.equals(startedAt)) {
      startedAt = nodeStartedAt;
      heartbeats = 0;
    }
    version = currentVersion;
    lastSeenAt = now;
    heartbeats++;
  }

  String name() {
    return name;
  }

  String version() {
    return version;
  }

  Instant startedAt() {
    return startedAt;
  }

  Instant lastSeenAt() {
    return lastSeenAt;
  }

  long heartbeats() {
    return heartbeats;
  }
}
