package org.clientele.crm.impl.system;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leases in {@code crm_lease}, in plain SQL that runs unchanged on H2 and PostgreSQL. Every statement is a
 * conditional update on one row (or an insert guarded by the primary key), so it needs no transaction around it and
 * two servers racing for a lease cannot both win: the loser's update matches no row (PostgreSQL re-checks the
 * condition on the row the winner committed). Time is the database's ({@code CURRENT_TIMESTAMP}), so the servers'
 * clocks do not have to agree.
 */
final class LeaseStore {

  /** A lease row, read with the database's time. */
  record Lease(String name, String holder, long epoch, Instant acquiredAt, Instant renewedAt, Instant expiresAt,
      Instant now) {

    boolean heldBy(String node) {
      return holder.equals(node) && expiresAt.isAfter(now);
    }
  }

  private LeaseStore() {}

  /**
   * Renews the lease if {@code holder} holds it with {@code epoch} (0: it holds none), else takes it over if it is
   * free or expired (a new epoch), else leaves it.
   *
   * @return the lease as it is afterwards: held by {@code holder} or by another node
   */
  static Lease acquire(Connection c, String name, String holder, long epoch, Duration duration) throws SQLException {
    Instant now = databaseNow(c);
    Instant until = now.plus(duration);
    if (epoch > 0) {
      try (PreparedStatement s = c.prepareStatement("UPDATE crm_lease SET renewed_at = ?, expires_at = ?"
          + " WHERE name = ? AND holder = ? AND epoch = ? AND expires_at > ?")) {
        s.setObject(1, at(now));
        s.setObject(2, at(until));
        s.setString(3, name);
        s.setString(4, holder);
        s.setLong(5, epoch);
        s.setObject(6, at(now));
        if (s.executeUpdate() == 1) {
          return find(c, name).orElseThrow();
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_lease SET holder = ?, epoch = epoch + 1,"
        + " acquired_at = ?, renewed_at = ?, expires_at = ? WHERE name = ? AND expires_at <= ?")) {
      s.setString(1, holder);
      s.setObject(2, at(now));
      s.setObject(3, at(now));
      s.setObject(4, at(until));
      s.setString(5, name);
      s.setObject(6, at(now));
      if (s.executeUpdate() == 1) {
        return find(c, name).orElseThrow();
      }
    }
    if (find(c, name).isEmpty()) {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_lease (name, holder, epoch, acquired_at,"
          + " renewed_at, expires_at) VALUES (?, ?, 1, ?, ?, ?)")) {
        s.setString(1, name);
        s.setString(2, holder);
        s.setObject(3, at(now));
        s.setObject(4, at(now));
        s.setObject(5, at(until));
        s.executeUpdate();
      } catch (SQLException e) {
        if (!e.getSQLState().startsWith("23")) {
          throw e;
        }
        // another node inserted it first: it holds the lease
      }
    }
    return find(c, name).orElseThrow(() -> new SQLException("Lease " + name + " vanished"));
  }

  /** Gives the lease up at once (expires now) if {@code holder} still holds it with {@code epoch}. */
  static boolean release(Connection c, String name, String holder, long epoch) throws SQLException {
    Instant now = databaseNow(c);
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_lease SET expires_at = ?"
        + " WHERE name = ? AND holder = ? AND epoch = ? AND expires_at > ?")) {
      s.setObject(1, at(now));
      s.setString(2, name);
      s.setString(3, holder);
      s.setLong(4, epoch);
      s.setObject(5, at(now));
      return s.executeUpdate() == 1;
    }
  }

  static Optional<Lease> find(Connection c, String name) throws SQLException {
    Instant now = databaseNow(c);
    try (PreparedStatement s = c.prepareStatement("SELECT name, holder, epoch, acquired_at, renewed_at, expires_at"
        + " FROM crm_lease WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(lease(r, now)) : Optional.empty();
      }
    }
  }

  static List<Lease> all(Connection c) throws SQLException {
    Instant now = databaseNow(c);
    List<Lease> leases = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT name, holder, epoch, acquired_at, renewed_at, expires_at"
        + " FROM crm_lease ORDER BY name"); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        leases.add(lease(r, now));
      }
    }
    return leases;
  }

  /** The database's clock: the one every server's leases are measured with. */
  static Instant databaseNow(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP"); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private static Lease lease(ResultSet r, Instant now) throws SQLException {
    return new Lease(r.getString(1), r.getString(2), r.getLong(3), instant(r, 4), instant(r, 5), instant(r, 6), now);
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getObject(column, OffsetDateTime.class).toInstant();
  }
}
