package org.clientele.crm.impl.email;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.email.EmailMember;

/** crm_email_member's operations on the caller's connection and transaction. */
final class EmailMemberStore {

  private static final String COLUMNS =
      "platform, audience, customer_id, email, member_key, status, status_at, changed_at, synced_at";

  private EmailMemberStore() {}

  static Optional<EmailMember> find(Connection c, String platform, String audience, long customerId)
      throws SQLException {
    return find(c, platform, audience, customerId, false);
  }

  /** The member, locked until the transaction ends when {@code forUpdate}: for a read that decides a write. */
  static Optional<EmailMember> find(Connection c, String platform, String audience, long customerId,
      boolean forUpdate) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + " FROM crm_email_member WHERE platform = ? AND audience = ? AND customer_id = ?"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, platform);
      s.setString(2, audience);
      s.setLong(3, customerId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  /** The member with the platform's key on the audience (a key may be the customer's and a merged profile's). */
  static Optional<EmailMember> findByKey(Connection c, String platform, String audience, String memberKey)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + " FROM crm_email_member WHERE platform = ? AND audience = ? AND member_key = ? ORDER BY synced_at DESC")) {
      s.setString(1, platform);
      s.setString(2, audience);
      s.setString(3, memberKey);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  /** MD5 hex of the lower-cased address: Mailchimp's subscriber hash. */
  static String subscriberHash(String email) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
          .digest(email.trim().toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  static List<EmailMember> ofCustomer(Connection c, long customerId) throws SQLException {
    List<EmailMember> members = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + " FROM crm_email_member WHERE customer_id = ? ORDER BY platform, audience")) {
      s.setLong(1, customerId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          members.add(read(r));
        }
      }
    }
    return members;
  }

  /** Inserts or replaces the customer's member on the audience. */
  static void store(Connection c, EmailMember m) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_member SET email = ?, member_key = ?,"
        + " status = ?, status_at = ?, changed_at = ?, synced_at = ?"
        + " WHERE platform = ? AND audience = ? AND customer_id = ?")) {
      s.setString(1, m.email());
      s.setString(2, m.memberKey());
      s.setString(3, m.status());
      s.setObject(4, at(m.statusAt()));
      s.setObject(5, at(m.changedAt()));
      s.setObject(6, at(m.syncedAt()));
      s.setString(7, m.platform());
      s.setString(8, m.audience());
      s.setLong(9, m.customerId());
      if (s.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_email_member (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, m.platform());
      s.setString(2, m.audience());
      s.setLong(3, m.customerId());
      s.setString(4, m.email());
      s.setString(5, m.memberKey());
      s.setString(6, m.status());
      s.setObject(7, at(m.statusAt()));
      s.setObject(8, at(m.changedAt()));
      s.setObject(9, at(m.syncedAt()));
      s.executeUpdate();
    }
  }

  static int delete(Connection c, String platform, String audience, long customerId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "DELETE FROM crm_email_member WHERE platform = ? AND audience = ? AND customer_id = ?")) {
      s.setString(1, platform);
      s.setString(2, audience);
      s.setLong(3, customerId);
      return s.executeUpdate();
    }
  }

  private static EmailMember read(ResultSet r) throws SQLException {
    return new EmailMember(r.getString("platform"), r.getString("audience"), r.getLong("customer_id"),
        r.getString("email"), r.getString("member_key"), r.getString("status"), instant(r, "status_at"),
        instant(r, "changed_at"), instant(r, "synced_at"));
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
