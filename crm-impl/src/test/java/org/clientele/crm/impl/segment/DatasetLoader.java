package org.clientele.crm.impl.segment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.clientele.crm.api.customer.AttributeDefinition;

/** Writes a {@link Dataset} into a migrated database with plain JDBC batches, filling every required column. */
final class DatasetLoader {

  private static final OffsetDateTime LOADED = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private DatasetLoader() {}

  static void load(DataSource dataSource, Dataset data) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      customers(c, data);
      attributes(c, data);
      consents(c, data);
      interactions(c, data);
      purchases(c, data);
      scores(c, data);
      segments(c, data);
      c.commit();
      // fresh statistics, as a database's routine maintenance keeps them: plans for tiny unanalyzed tables are poor
      try (var s = c.createStatement()) {
        s.execute("ANALYZE");
      }
      c.commit();
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static void set(PreparedStatement s, int index, Object value, int sqlType) throws SQLException {
    if (value == null) {
      s.setNull(index, sqlType);
    } else {
      s.setObject(index, value);
    }
  }

  private static void customers(Connection c, Dataset data) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_customer (id, version, given_name, family_name,"
        + " given_name_key, family_name_key, full_name_key, email, email_local, phone, birth_date, language, region,"
        + " city, postal_code, country, lifecycle_stage, status, created_at, updated_at, attention_reason,"
        + " attention_since) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement tag = c.prepareStatement("INSERT INTO crm_customer_tag (customer_id, tag) VALUES (?, ?)")) {
      for (Dataset.Customer k : data.customers()) {
        s.setLong(1, k.id());
        set(s, 2, k.givenName(), Types.VARCHAR);
        set(s, 3, k.familyName(), Types.VARCHAR);
        set(s, 4, DatasetGenerator.key(k.givenName()), Types.VARCHAR);
        set(s, 5, DatasetGenerator.key(k.familyName()), Types.VARCHAR);
        String full = ((k.givenName() == null ? "" : k.givenName()) + " "
            + (k.familyName() == null ? "" : k.familyName())).trim();
        set(s, 6, full.isEmpty() ? null : DatasetGenerator.key(full), Types.VARCHAR);
        set(s, 7, k.email(), Types.VARCHAR);
        set(s, 8, k.email() == null ? null : k.email().substring(0, k.email().lastIndexOf('@')), Types.VARCHAR);
        set(s, 9, k.phone(), Types.VARCHAR);
        set(s, 10, k.birthDate(), Types.DATE);
        set(s, 11, k.language(), Types.VARCHAR);
        set(s, 12, k.region(), Types.VARCHAR);
        set(s, 13, k.city(), Types.VARCHAR);
        set(s, 14, k.postalCode(), Types.VARCHAR);
        set(s, 15, k.country(), Types.VARCHAR);
        s.setString(16, k.lifecycleStage());
        s.setString(17, k.status());
        s.setObject(18, at(k.createdAt()));
        s.setObject(19, at(k.updatedAt()));
        set(s, 20, k.attentionSince() == null ? null : "negative feedback", Types.VARCHAR);
        set(s, 21, at(k.attentionSince()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.addBatch();
        for (String t : k.tags()) {
          tag.setLong(1, k.id());
          tag.setString(2, t);
          tag.addBatch();
        }
      }
      s.executeBatch();
      tag.executeBatch();
    }
  }

  private static void attributes(Connection c, Dataset data) throws SQLException {
    try (PreparedStatement d = c.prepareStatement("INSERT INTO crm_attribute_definition (attr_key, attr_type,"
        + " allowed_values, description, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?)")) {
      for (AttributeDefinition def : data.attributes().values()) {
        d.setString(1, def.key());
        d.setString(2, def.type().name());
        set(d, 3, def.allowedValues().isEmpty() ? null : String.join("\n", def.allowedValues()), Types.VARCHAR);
        d.setObject(4, LOADED);
        d.setObject(5, LOADED);
        d.addBatch();
      }
      d.executeBatch();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_customer_attribute (customer_id, attr_key,"
        + " value_text, value_number, value_date, value_boolean) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Dataset.Customer k : data.customers()) {
        for (Map.Entry<String, Dataset.Attribute> e : k.attributes().entrySet()) {
          s.setLong(1, k.id());
          s.setString(2, e.getKey());
          s.setString(3, e.getValue().text());
          set(s, 4, e.getValue().number(), Types.NUMERIC);
          set(s, 5, e.getValue().date(), Types.DATE);
          set(s, 6, e.getValue().bool(), Types.BOOLEAN);
          s.addBatch();
        }
      }
      s.executeBatch();
    }
  }

  private static void consents(Connection c, Dataset data) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_consent (id, customer_id, channel, purpose,"
        + " status, source, decided_at, evidence, recorded_at) VALUES (?, ?, ?, ?, ?, 'test', ?, NULL, ?)")) {
      for (Dataset.Consent k : data.consents()) {
        s.setLong(1, k.id());
        s.setLong(2, k.customerId());
        s.setString(3, k.channel());
        s.setString(4, k.purpose());
        s.setString(5, k.status());
        s.setObject(6, at(k.decidedAt()));
        s.setObject(7, LOADED);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void interactions(Connection c, Dataset data) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_interaction (id, customer_id, channel,"
        + " interaction_type, direction, occurred_at, source_system, source_event_id, recorded_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, 'test', ?, ?)")) {
      for (Dataset.Interaction i : data.interactions()) {
        s.setLong(1, i.id());
        s.setLong(2, i.customerId());
        s.setString(3, i.channel());
        s.setString(4, i.type());
        s.setString(5, i.direction());
        s.setObject(6, at(i.occurredAt()));
        s.setString(7, "event-" + i.id());
        s.setObject(8, LOADED);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void purchases(Connection c, Dataset data) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_purchase (id, version, customer_id, source_system,"
        + " order_id, status, currency, placed_at, source_updated_at, subtotal, discount_total, shipping_total,"
        + " tax_total, total, refunded_total, net_total, created_at, updated_at)"
        + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement line = c.prepareStatement("INSERT INTO crm_purchase_line (purchase_id, line_no, sku,"
            + " name, category, quantity, unit_price, discount, line_total) VALUES (?, ?, ?, 'item', ?, ?, ?, ?, ?)")) {
      for (Dataset.Purchase p : data.purchases()) {
        s.setLong(1, p.id());
        s.setLong(2, p.customerId());
        s.setString(3, p.source());
        s.setString(4, "order-" + p.id());
        s.setString(5, p.status());
        s.setString(6, p.currency());
        s.setObject(7, at(p.placedAt()));
        s.setObject(8, at(p.placedAt()));
        s.setBigDecimal(9, p.subtotal());
        s.setBigDecimal(10, p.discountTotal());
        s.setBigDecimal(11, p.shippingTotal());
        s.setBigDecimal(12, p.taxTotal());
        s.setBigDecimal(13, p.total());
        s.setBigDecimal(14, p.refundedTotal());
        s.setBigDecimal(15, p.netTotal());
        s.setObject(16, LOADED);
        s.setObject(17, LOADED);
        s.addBatch();
        for (Dataset.Line l : p.lines()) {
          line.setLong(1, p.id());
          line.setInt(2, l.lineNo());
          line.setString(3, l.sku());
          set(line, 4, l.category(), Types.VARCHAR);
          line.setInt(5, l.quantity());
          line.setBigDecimal(6, l.unitPrice());
          line.setBigDecimal(7, l.discount());
          line.setBigDecimal(8, l.lineTotal());
          line.addBatch();
        }
      }
      s.executeBatch();
      line.executeBatch();
    }
  }

  private static void scores(Connection c, Dataset data) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_customer_score (customer_id, recency_score,"
        + " frequency_score, monetary_score, engagement_score, purchase_count, monetary_value, computed_at)"
        + " VALUES (?, ?, ?, ?, ?, 0, 0, ?)")) {
      for (Dataset.Score k : data.scores().values()) {
        s.setLong(1, k.customerId());
        set(s, 2, k.recency(), Types.SMALLINT);
        set(s, 3, k.frequency(), Types.SMALLINT);
        set(s, 4, k.monetary(), Types.SMALLINT);
        s.setInt(5, k.engagement());
        s.setObject(6, LOADED);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void segments(Connection c, Dataset data) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment (id, segment_key, name, kind, rule_json, member_count,"
        + " version, created_at, updated_at) VALUES (?, ?, ?, 'STATIC', NULL, 0, 1, ?, ?)")) {
      for (Dataset.Segment g : data.segments()) {
        s.setLong(1, g.id());
        s.setString(2, g.key());
        s.setString(3, "Segment " + g.key());
        s.setObject(4, LOADED);
        s.setObject(5, LOADED);
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment_member (segment_id, customer_id,"
        + " entered_at, left_at) VALUES (?, ?, ?, ?)")) {
      for (Dataset.Membership m : data.memberships()) {
        s.setLong(1, m.segmentId());
        s.setLong(2, m.customerId());
        s.setObject(3, at(m.enteredAt()));
        set(s, 4, at(m.leftAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** The ids a compiled rule selects. */
  static List<Long> select(Connection c, CompiledRule rule) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(rule.sql())) {
      rule.bind(s);
      List<Long> ids = new ArrayList<>();
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      ids.sort(null);
      return ids;
    }
  }
}
