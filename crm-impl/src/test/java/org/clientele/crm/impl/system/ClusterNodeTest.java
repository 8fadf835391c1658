package org.clientele.crm.impl.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterNodeTest {

  private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void heartbeatsCountUpAndMoveLastSeen() {
    ClusterNode node = new ClusterNode("n1", "1.0", START);
    node.beat("1.0", START, START.plusSeconds(10));
    node.beat("1.0", START, START.plusSeconds(20));

    assertThat(node.heartbeats()).isEqualTo(2);
    assertThat(node.lastSeenAt()).isEqualTo(START.plusSeconds(20));
  }

  @Test
  void restartedNodeStartsCountingAgainAndReportsItsNewVersion() {
    ClusterNode node = new ClusterNode("n1", "1.0", START);
    node.beat("1.0", START, START.plusSeconds(10));
    Instant restart = START.plusSeconds(3600);
    node.beat("1.1", restart, restart.plusSeconds(1));

    assertThat(node.heartbeats()).isEqualTo(1);
    assertThat(node.startedAt()).isEqualTo(restart);
    assertThat(node.version()).isEqualTo("1.1");
  }
}
