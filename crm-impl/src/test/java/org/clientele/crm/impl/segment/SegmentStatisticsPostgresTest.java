package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.clientele.crm.api.segment.SegmentKind;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The recompute's set statements are planned without nested loops, for its transaction only, and the membership
 * table is analyzed when its statistics record fewer rows than it holds (see MembershipUpdater.planSetStatements).
 */
class SegmentStatisticsPostgresTest {

  @Test
  void setStatementsJoinByHashAndAnUndercountedMembershipTableIsAnalyzed() throws SQLException {
    DataSource db = TestDatabases.migratedPostgresSchema("crm_unit_seg_statistics");
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment_work (segment_id, customer_id)"
          + " SELECT 1, g FROM generate_series(1, 20000) g")) {
        s.executeUpdate();
      }
      assertThat(recordedRows(c, "crm_segment_member")).as("never analyzed").isLessThan(1);
      StoredSegment segment = new StoredSegment(1, "big", "Big", null, SegmentKind.DYNAMIC, null, 15_000, null, null,
          1, Instant.now(), Instant.now());

      MembershipUpdater.planSetStatements(c, segment, 20_000);

      assertThat(setting(c, "enable_nestloop")).as("set statements join by hash").isEqualTo("off");
      assertThat(recordedRows(c, "crm_segment_member")).as("analyzed: empty is now a measured 0").isZero();

      // the entrants fill the membership table: its statistics follow (foreign keys off: no profiles here)
      c.createStatement().execute("SET LOCAL session_replication_role = replica");
      try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment_member (segment_id, customer_id,"
          + " entered_at) SELECT 1, g, now() FROM generate_series(1, 20000) g")) {
        s.executeUpdate();
      }
      MembershipUpdater.analyzeMembersIfUndercounted(c, 20_000);
      assertThat(recordedRows(c, "crm_segment_member")).isEqualTo(20_000);
      c.rollback();
    }
  }

  @Test
  void smallRecomputesDoNotAnalyze() throws SQLException {
    DataSource db = TestDatabases.migratedPostgresSchema("crm_unit_seg_statistics_small");
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      StoredSegment segment = new StoredSegment(1, "small", "Small", null, SegmentKind.DYNAMIC, null, 10, null, null,
          1, Instant.now(), Instant.now());
      MembershipUpdater.planSetStatements(c, segment, MembershipUpdater.ANALYZE_THRESHOLD - 1);
      assertThat(recordedRows(c, "crm_segment_member")).as("small: not analyzed").isLessThan(1);
      assertThat(setting(c, "enable_nestloop")).isEqualTo("off");
      c.rollback();
      assertThat(setting(c, "enable_nestloop")).as("for the transaction only").isEqualTo("on");
    }
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT current_setting(?)")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }

  private static double recordedRows(Connection c, String table) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)")) {
      s.setString(1, table);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getDouble(1);
      }
    }
  }
}
