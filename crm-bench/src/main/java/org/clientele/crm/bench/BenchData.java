package org.clientele.crm.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The synthetic base the large-scale runners share: one million profiles (SearchBenchmark's shape, ids from
 * 100,000,000) and their generated two-year history (purchases, interactions, conversations, feedback), loaded
 * over JDBC and reused when present. Ids of loaded rows come from ranges reserved on the CRM's sequences, so
 * the server never allocates them again.
 */
final class BenchData {

  /** SearchBenchmark's synthetic profiles start here. */
  static final long FIRST_CUSTOMER = 100_000_000L;
  static final Instant HISTORY_START = Instant.parse("2024-01-01T00:00:00Z");
  /** The end of the generated history. */
  static final Instant HISTORY_END = Instant.parse("2026-01-01T00:00:00Z");
  /** source_system of the generated purchases, interactions and feedback. */
  static final String HISTORY = "bench-history";

  private BenchData() {}
  /** SearchBenchmark's profiles, reused when exactly these are present. */
  static void loadCustomers(Connection c, int customers, boolean reload) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE id < " + (FIRST_CUSTOMER + customers)
          + "), COUNT(*) FROM crm_customer WHERE id >= " + FIRST_CUSTOMER)) {
        rs.next();
        if (!reload && rs.getLong(1) == customers && rs.getLong(2) == customers) {
          System.out.printf(Locale.ROOT, "Reusing %,d profiles%n", customers);
          return;
        }
      }
      deleteBenchData(c);
      long start = System.nanoTime();
      s.execute("DELETE FROM crm_customer_tag WHERE customer_id >= " + FIRST_CUSTOMER);
      s.execute("DELETE FROM crm_customer_match_key WHERE customer_id >= " + FIRST_CUSTOMER);
      s.execute("DELETE FROM crm_customer WHERE id >= " + FIRST_CUSTOMER);
      s.execute("INSERT INTO crm_customer (id, version, given_name, family_name, given_name_key, family_name_key,"
          + " full_name_key, email, email_local, phone, postal_code, country, lifecycle_stage, status, created_at, updated_at)"
          + " SELECT 100000000 + g, 1, 'Given' || g, 'Family' || (g % 50000), 'given' || g, 'family' || (g % 50000),"
          + " 'given' || g || ' family' || (g % 50000), 'user' || g || '@bench.example', 'user' || g,"
          + " '+4930' || (10000000 + g), lpad((g % 99999)::text, 5, '0'), 'DE',"
          + " (ARRAY['LEAD','PROSPECT','ACTIVE','AT_RISK','CHURNED'])[g % 5 + 1], 'ACTIVE', now(), now()"
          + " FROM generate_series(0, " + (customers - 1) + ") g");
      s.execute("INSERT INTO crm_customer_match_key (customer_id, kind, key_value)"
          + " SELECT 100000000 + g, 'EMAIL', 'user' || g || '@bench.example' FROM generate_series(0, " + (customers - 1) + ") g");
      s.execute("INSERT INTO crm_customer_tag (customer_id, tag)"
          + " SELECT 100000000 + g, 'tag' || (g % 1000) FROM generate_series(0, " + (customers - 1) + ") g");
      s.execute("ANALYZE crm_customer");
      s.execute("ANALYZE crm_customer_match_key");
      s.execute("ANALYZE crm_customer_tag");
      System.out.printf(Locale.ROOT, "Loaded %,d profiles in %.1f s%n", customers, (System.nanoTime() - start) / 1e9);
    }
  }

  /** Everything this runner (and the server on its behalf) stored for the synthetic profiles. */
  static void deleteBenchData(Connection c) throws SQLException {
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      // Rows are deleted children first; skipping the per-row foreign key checks keeps this to seconds.
      s.execute("SET session_replication_role = replica");
      String mine = " WHERE customer_id >= " + FIRST_CUSTOMER;
      s.execute("DELETE FROM crm_customer_prediction" + mine);
      // SegmentBenchmark's consents, attributes, scores and memberships
      s.execute("DELETE FROM crm_segment_member" + mine);
      s.execute("DELETE FROM crm_customer_score" + mine);
      s.execute("DELETE FROM crm_consent" + mine);
      s.execute("DELETE FROM crm_customer_attribute" + mine);
      s.execute("DELETE FROM crm_feedback" + mine);
      s.execute("DELETE FROM crm_follow_up" + mine);
      s.execute("DELETE FROM crm_interaction" + mine);
      s.execute("DELETE FROM crm_conversation_ref WHERE conversation_id IN (SELECT id FROM crm_conversation" + mine + ")");
      s.execute("DELETE FROM crm_conversation" + mine);
      for (String child : List.of("crm_purchase_line", "crm_purchase_status", "crm_purchase_refund")) {
        s.execute("DELETE FROM " + child + " WHERE purchase_id IN (SELECT id FROM crm_purchase" + mine + ")");
      }
      s.execute("DELETE FROM crm_purchase" + mine);
      s.execute("SET session_replication_role = DEFAULT");
    }
    System.out.printf(Locale.ROOT, "Deleted earlier benchmark data in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  /**
   * The two-year history of every profile, in one transaction (present entirely or not at all), by COPY.
   * Reused when present: the generator is deterministic for a seed and a number of customers.
   */
  static void loadHistory(Connection c, int customers, long seed, boolean reload) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_purchase"
        + " WHERE source_system = '" + HISTORY + "'")) {
      rs.next();
      if (!reload && rs.getLong(1) > 0) {
        System.out.printf(Locale.ROOT, "Reusing the history (%,d purchases)%n", rs.getLong(1));
        timeOrderPurchases(c);
        return;
      }
    }
    deleteBenchData(c);
    History generator = new History(seed, customers);
    long[] counts = new long[4]; // purchases, conversations, interactions, feedback
    for (int k = 0; k < customers; k++) {
      History.Customer h = generator.customer(k);
      counts[0] += h.purchases().size();
      counts[1] += h.conversations().size();
      counts[2] += h.interactionCount();
      counts[3] += h.feedback().size();
    }
    System.out.printf(Locale.ROOT, "Generating %,d purchases, %,d conversations, %,d interactions, %,d feedback%n",
        counts[0], counts[1], counts[2], counts[3]);
    long purchaseId = reserve(c, "crm_purchase", "crm_purchase_seq", counts[0]);
    long conversationId = reserve(c, "crm_conversation", "crm_conversation_seq", counts[1]);
    long interactionId = reserve(c, "crm_interaction", "crm_interaction_seq", counts[2]);
    long feedbackId = reserve(c, "crm_feedback", "crm_feedback_seq", counts[3]);
    long start = System.nanoTime();
    PGConnection pg = c.unwrap(PGConnection.class);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      // Generated rows are consistent by construction: skip the per-row foreign key triggers while loading.
      s.execute("SET LOCAL session_replication_role = replica");
      try (Writer w = copy(pg, "crm_purchase (id, version, customer_id, source_system, order_id, status, currency,"
          + " placed_at, source_updated_at, subtotal, discount_total, shipping_total, tax_total, total, refunded_total,"
          + " net_total, created_at, updated_at)")) {
        long id = purchaseId;
        for (int k = 0; k < customers; k++) {
          History.Customer h = generator.customer(k);
          for (History.Purchase p : h.purchases()) {
            String at = ts(p.placedAt());
            long tax = Math.round(p.totalCents() * 0.19 / 1.19);
            w.append(Long.toString(id)).append("\t1\t").append(Long.toString(h.id())).append('\t').append(HISTORY)
                .append("\to").append(Long.toString(id)).append('\t').append(p.status()).append('\t')
                .append(h.currency()).append('\t').append(at).append('\t').append(at).append('\t')
                .append(money(p.totalCents() - tax)).append("\t0\t0\t").append(money(tax)).append('\t')
                .append(money(p.totalCents())).append('\t').append(money(p.refundedCents())).append('\t')
                .append(money(p.totalCents() - p.refundedCents())).append('\t').append(at).append('\t').append(at)
                .append('\n');
            id++;
          }
        }
      }
      System.out.printf(Locale.ROOT, "  purchases copied after %.1f s%n", (System.nanoTime() - start) / 1e9);
      try (Writer w = copy(pg, "crm_conversation (id, customer_id, subject, status, channels, opened_at,"
          + " first_response_at, last_response_at, resolved_at, last_activity_at, waiting_since, interaction_count,"
          + " reopen_count, version)")) {
        long id = conversationId;
        for (int k = 0; k < customers; k++) {
          History.Customer h = generator.customer(k);
          for (History.Conversation v : h.conversations()) {
            w.append(Long.toString(id++)).append('\t').append(Long.toString(h.id())).append("\tOrder question\t")
                .append(v.resolvedAt() > 0 ? "RESOLVED" : "OPEN").append('\t').append(v.channel()).append('\t')
                .append(ts(v.openedAt())).append('\t').append(ts(v.firstResponseAt())).append('\t')
                .append(ts(v.lastResponseAt())).append('\t').append(ts(v.resolvedAt())).append('\t')
                .append(ts(v.lastActivityAt())).append('\t').append(ts(v.waitingSince())).append('\t')
                .append(Integer.toString(v.messages().size())).append("\t0\t1\n");
          }
        }
      }
      System.out.printf(Locale.ROOT, "  conversations copied after %.1f s%n", (System.nanoTime() - start) / 1e9);
      try (Writer w = copy(pg, "crm_interaction (id, customer_id, channel, interaction_type, direction, occurred_at,"
          + " subject, summary, attributes, agent, source_system, source_event_id, recorded_at, conversation_id)")) {
        long id = interactionId;
        long conversation = conversationId;
        for (int k = 0; k < customers; k++) {
          History.Customer h = generator.customer(k);
          for (History.Touch t : h.touches()) {
            interaction(w, id++, h.id(), t, null);
          }
          for (History.Conversation v : h.conversations()) {
            for (History.Touch t : v.messages()) {
              interaction(w, id++, h.id(), t, conversation);
            }
            conversation++;
          }
        }
      }
      System.out.printf(Locale.ROOT, "  interactions copied after %.1f s%n", (System.nanoTime() - start) / 1e9);
      try (Writer w = copy(pg, "crm_feedback (id, customer_id, kind, score, received_at, negative, source_system,"
          + " source_event_id, recorded_at)")) {
        long id = feedbackId;
        for (int k = 0; k < customers; k++) {
          History.Customer h = generator.customer(k);
          for (History.Feedback f : h.feedback()) {
            w.append(Long.toString(id)).append('\t').append(Long.toString(h.id())).append('\t').append(f.kind())
                .append('\t').append(Integer.toString(f.score())).append('\t').append(ts(f.receivedAt())).append('\t')
                .append(f.negative() ? "t" : "f").append('\t').append(HISTORY).append("\tf").append(Long.toString(id))
                .append('\t').append(ts(f.receivedAt())).append('\n');
            id++;
          }
        }
      }
      c.commit();
    } catch (Exception e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    double copied = (System.nanoTime() - start) / 1e9;
    try (Statement s = c.createStatement()) {
      for (String table : List.of("crm_conversation", "crm_interaction", "crm_feedback")) {
        s.execute("VACUUM ANALYZE " + table);
      }
    }
    timeOrderPurchases(c);
    System.out.printf(Locale.ROOT, "Loaded the history in %.1f s (+ %.1f s VACUUM ANALYZE, CLUSTER)%n", copied,
        (System.nanoTime() - start) / 1e9 - copied);
  }

  /**
   * Purchases stored in time order, as a live system appends them: the loader writes them customer by customer,
   * which would spread every month's orders over all the table's pages and make period scans read all of it.
   */
  private static void timeOrderPurchases(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT indisclustered FROM pg_index WHERE indexrelid ="
          + " 'crm_purchase_placed_ix'::regclass")) {
        if (rs.next() && rs.getBoolean(1)) {
          return;
        }
      }
      long start = System.nanoTime();
      s.execute("CLUSTER crm_purchase USING crm_purchase_placed_ix");
      s.execute("VACUUM ANALYZE crm_purchase");
      System.out.printf(Locale.ROOT, "Purchases put in time order (CLUSTER) in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
  }

  private static void interaction(Writer w, long id, long customer, History.Touch t, Long conversation)
      throws IOException {
    w.append(Long.toString(id)).append('\t').append(Long.toString(customer)).append('\t').append(t.channel())
        .append('\t').append(t.type()).append('\t').append(t.direction()).append('\t').append(ts(t.at())).append('\t')
        .append(t.subject()).append('\t').append(t.summary() == null ? "\\N" : t.summary()).append('\t')
        .append(t.campaign() == null ? "\\N" : "{\"campaignId\":\"" + t.campaign() + "\"}").append("\t\\N\t")
        .append(HISTORY).append("\ti").append(Long.toString(id)).append('\t').append(ts(t.at())).append('\t')
        .append(conversation == null ? "\\N" : conversation.toString()).append('\n');
  }

  private static Writer copy(PGConnection pg, String table) throws SQLException {
    return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(pg, "COPY " + table + " FROM STDIN",
        1 << 20), StandardCharsets.UTF_8), 1 << 20);
  }

  /** Epoch seconds as a timestamptz literal; 0 is NULL. */
  private static String ts(long epochSecond) {
    return epochSecond == 0 ? "\\N" : Instant.ofEpochSecond(epochSecond).toString();
  }

  private static String money(long cents) {
    return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
  }

  /**
   * Reserves {@code count} ids of a table whose ids come from a sequence EclipseLink allocates in blocks: ids from
   * far above both the table's maximum and the sequence, and the sequence moved past them, so the next block
   * (nextval - increment + 1 .. nextval) starts after them. Returns the first id.
   */
  static long reserve(Connection c, String table, String sequence, long count) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT GREATEST((SELECT COALESCE(MAX(id), 0)"
        + " FROM " + table + "), (SELECT last_value FROM " + sequence + "))")) {
      rs.next();
      long first = (rs.getLong(1) + 1_000_000) / 50 * 50 + 1;
      long last = first + count - 1;
      s.execute("SELECT setval('" + sequence + "', GREATEST((SELECT last_value FROM " + sequence + "), "
          + ((last + 49) / 50 * 50) + "))");
      return first;
    }
  }

  /**
   * A BG/NBD-like two-year history per customer, deterministic per seed and customer: 85 % buy; from a first
   * purchase at a uniform time, purchases follow a Poisson process with a rate from Gamma(1.2, 50/day) and
   * after each the customer drops out with a probability from Beta(1, 3); order values are Gamma-Gamma
   * (p 5, q 4, gamma 42: about 70 on average). Statuses: 5 % cancelled, 4 % refunded, 2 % partly refunded.
   */
  static final class History {

    record Purchase(long placedAt, String status, long totalCents, long refundedCents) {}

    record Touch(String channel, String type, String direction, long at, String subject, String summary,
        String campaign) {}

    record Conversation(String channel, long openedAt, long firstResponseAt, long lastResponseAt, long resolvedAt,
        long lastActivityAt, long waitingSince, List<Touch> messages) {}

    record Feedback(String kind, int score, long receivedAt, boolean negative) {}

    record Customer(long id, String currency, List<Purchase> purchases, List<Touch> touches,
        List<Conversation> conversations, List<Feedback> feedback) {
      long interactionCount() {
        return touches.size() + conversations.stream().mapToLong(c -> c.messages().size()).sum();
      }
    }

    private static final String[] CONVERSATION_CHANNELS = {"EMAIL", "CHAT", "PHONE", "SOCIAL"};

    private final long seed;
    private final long start = HISTORY_START.getEpochSecond();
    private final long end = HISTORY_END.getEpochSecond();

    History(long seed, int customers) {
      this.seed = seed;
    }

    Customer customer(int k) {
      SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + k);
      long span = end - start;
      String currency = r.nextDouble() < 0.8 ? "EUR" : "USD";
      List<Purchase> purchases = new ArrayList<>();
      if (r.nextDouble() < 0.85) {
        double lambda = gamma(r, 1.2, 50) / 86400; // per second
        double x = gamma(r, 1, 1);
        double p = x / (x + gamma(r, 3, 1));
        double nu = gamma(r, 4, 42);
        double t = start + r.nextDouble() * (span - 1);
        while (t < end && purchases.size() < 200) {
          long cents = Math.max(100, Math.round(gamma(r, 5, nu) * 100));
          double u = r.nextDouble();
          String status = u < 0.05 ? "CANCELLED" : u < 0.09 ? "REFUNDED" : "PAID";
          long refunded = u < 0.05 ? 0 : u < 0.09 ? cents : u < 0.11 ? cents * 3 / 10 : 0;
          purchases.add(new Purchase((long) t, status, cents, refunded));
          if (r.nextDouble() < p) {
            break;
          }
          t += -Math.log(1 - r.nextDouble()) / lambda;
        }
      }
      List<Touch> touches = new ArrayList<>();
      int campaigns = r.nextInt(8);
      for (int i = 0; i < campaigns; i++) {
        long sent = start + (long) (r.nextDouble() * span);
        String campaign = "c" + (sent - start) / (7 * 86400);
        touches.add(new Touch("EMAIL", "CAMPAIGN_SENT", "OUTBOUND", sent, "Newsletter", null, campaign));
        long opened = sent + 3600 + (long) (r.nextDouble() * 47 * 3600);
        if (r.nextDouble() < 0.35 && opened < end) {
          touches.add(new Touch("EMAIL", "CAMPAIGN_OPENED", "INBOUND", opened, "Newsletter", null, campaign));
        }
      }
      if (r.nextDouble() < 0.4) {
        touches.add(new Touch("WEB", "VISIT", "INBOUND", start + (long) (r.nextDouble() * span), "Visit", null, null));
      }
      double u = r.nextDouble();
      int conversationCount = u < 0.76 ? 0 : u < 0.95 ? 1 : u < 0.99 ? 2 : 3;
      List<Conversation> conversations = new ArrayList<>();
      for (int i = 0; i < conversationCount; i++) {
        String channel = CONVERSATION_CHANNELS[r.nextInt(4)];
        long opened = start + (long) (r.nextDouble() * span);
        List<Touch> messages = new ArrayList<>();
        messages.add(new Touch(channel, "INQUIRY", "INBOUND", opened, "Order question", "Where is my order?", null));
        long at = opened;
        if (r.nextDouble() < 0.95) {
          at += exponential(r, 5 * 3600);
          messages.add(new Touch(channel, "MESSAGE", "OUTBOUND", at, "Re: Order question", "It ships today.", null));
          if (r.nextDouble() < 0.5) {
            at += exponential(r, 12 * 3600);
            messages.add(new Touch(channel, "MESSAGE", "INBOUND", at, "Re: Order question", "And the bill?", null));
            at += exponential(r, 3 * 3600);
            messages.add(new Touch(channel, "MESSAGE", "OUTBOUND", at, "Re: Order question", "Attached.", null));
          }
        }
        messages.removeIf(m -> m.at() >= end); // the opening inquiry is always before the end
        long firstResponse = messages.stream().filter(m -> m.direction().equals("OUTBOUND")).mapToLong(Touch::at)
            .min().orElse(0);
        long lastResponse = messages.stream().filter(m -> m.direction().equals("OUTBOUND")).mapToLong(Touch::at)
            .max().orElse(0);
        Touch last = messages.get(messages.size() - 1);
        long resolved = r.nextDouble() < 0.9 ? last.at() + exponential(r, 24 * 3600) : 0;
        resolved = resolved >= end ? 0 : resolved;
        conversations.add(new Conversation(channel, opened, firstResponse, lastResponse, resolved, last.at(),
            resolved == 0 && last.direction().equals("INBOUND") ? last.at() : 0, messages));
      }
      List<Feedback> feedback = new ArrayList<>();
      double f = r.nextDouble();
      int feedbackCount = f < 0.55 ? 0 : f < 0.95 ? 1 : 2;
      for (int i = 0; i < feedbackCount; i++) {
        long at = start + (long) (r.nextDouble() * span);
        double kind = r.nextDouble();
        if (kind < 0.5) {
          double v = r.nextDouble();
          int score = v < 0.45 ? 9 + r.nextInt(2) : v < 0.75 ? 7 + r.nextInt(2) : r.nextInt(7);
          feedback.add(new Feedback("NPS", score, at, score <= 6));
        } else if (kind < 0.85) {
          int score = 1 + Math.min(4, (int) Math.floor(gamma(r, 4, 1)));
          feedback.add(new Feedback("CSAT", score, at, score <= 2));
        } else {
          int score = 1 + r.nextInt(7);
          feedback.add(new Feedback("CES", score, at, score <= 3));
        }
      }
      return new Customer(FIRST_CUSTOMER + k, currency, purchases, touches, conversations, feedback);
    }

    private static long exponential(SplittableRandom r, double mean) {
      return 60 + (long) (-Math.log(1 - r.nextDouble()) * mean);
    }

    /** Gamma(shape, rate) by Marsaglia and Tsang; shapes below 1 boosted by U^(1/shape). */
    static double gamma(SplittableRandom r, double shape, double rate) {
      if (shape < 1) {
        return gamma(r, shape + 1, rate) * Math.pow(r.nextDouble(), 1 / shape);
      }
      double d = shape - 1.0 / 3;
      double c = 1 / Math.sqrt(9 * d);
      while (true) {
        double x;
        double v;
        do {
          x = gaussian(r);
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = r.nextDouble();
        if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
          return d * v / rate;
        }
      }
    }

    private static double gaussian(SplittableRandom r) {
      double u = 1 - r.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
  }
}
