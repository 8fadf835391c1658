package org.clientele.crm.datagen;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The synthetic population and its history, a pure function of the settings: profile {@code k} is generated
 * from random streams seeded by (seed, k, purpose) only, so any profile can be generated on its own, in any
 * order or thread, and the same settings always give the same data.
 *
 * <p>Distributions (see docs/data-generator.md): purchase intensity per customer is 0 for about a third and
 * Pareto(α 1.5) for the others (heavy tail: most buy 0–2 times, a few hundreds of times), counts are Poisson
 * around it, scaled so the expected total is the target; interaction intensity is Pareto(α 2.5); event times
 * follow yearly (November/December peak, Black Friday week), weekly and daily seasonality; order values come
 * from log-normal product prices (Zipf-popular catalogue) times small quantities.
 */
public final class Model {

  /** The generator's parameters; equal settings give byte-identical data. */
  public record Settings(long seed, int customers, long interactions, long purchases, Instant referenceDate,
      int years, double duplicateShare, String shop, String audience) {

    public static Settings defaults() {
      return new Settings(42, 1_000_000, 6_000_000, 4_000_000, Instant.parse("2026-11-30T00:00:00Z"), 3, 0.02,
          "clientele-demo.myshopify.com", "a1b2c3d4e5");
    }

    public Settings withCustomers(int n, long interactionsTotal, long purchasesTotal) {
      return new Settings(seed, n, interactionsTotal, purchasesTotal, referenceDate, years, duplicateShare, shop,
          audience);
    }

    public Settings withSeed(long s) {
      return new Settings(s, customers, interactions, purchases, referenceDate, years, duplicateShare, shop,
          audience);
    }
  }

  // Per-profile id strides: ids are a function of (profile, ordinal), whatever the generation order.
  static final int PURCHASE_STRIDE = 512;
  static final int INTERACTION_STRIDE = 2048;
  static final int CONVERSATION_STRIDE = 128;
  static final int CONSENT_STRIDE = 32;
  static final int MAX_PURCHASES = 400;
  static final int MAX_INTERACTIONS = 1700;

  public static final String ERP = "ERP";
  public static final String MAILCHIMP_CONSENT_SOURCE = "EMAIL:mailchimp";
  /** The source system the Mailchimp webhook receiver records its interactions under. */
  public static final String MAILCHIMP_EVENTS = "MAILCHIMP";
  public static final String WEB = "web";

  public record Person(String givenName, String familyName, String email, String phone, LocalDate birthDate,
      String language, Geo.Address address, String currency) {}

  public record Consent(long id, String channel, String purpose, String status, String source, long decidedAt,
      String evidence) {}

  public record Interaction(long id, String channel, String type, String direction, long at, String subject,
      String summary, String attributes, String agent, String sourceSystem, String eventId, Long conversationId) {}

  public record Conversation(long id, String channel, String subject, long openedAt, long firstResponseAt,
      long lastResponseAt, long resolvedAt, long lastActivityAt, long waitingSince, int interactionCount) {}

  public record Line(String sku, String name, String category, int quantity, long unitCents, long discountCents) {
    long totalCents() {
      return quantity * unitCents - discountCents;
    }
  }

  public record StatusChange(String status, long at) {}

  public record Purchase(long id, String sourceSystem, String orderId, String status, String currency, long placedAt,
      long updatedAt, List<Line> lines, long subtotal, long discount, long shipping, long tax, long total,
      long refunded, long refundedAt, boolean taxesIncluded, List<StatusChange> history) {}

  /** One CRM profile with everything the CRM stores about it. */
  public record Profile(int index, long id, Person person, long duplicateOf, String erpId, String shopCustomerId,
      boolean emailMember, String memberStatus, long memberStatusAt, long createdAt, long updatedAt,
      String lifecycleStage, List<String> tags, List<Consent> consents, List<Conversation> conversations,
      List<Interaction> interactions, List<Purchase> purchases) {}

  private final Settings settings;
  private final long start;
  private final long end;
  /** The profile a duplicate repeats, -1 for a profile of its own; each original has at most one duplicate. */
  private final int[] originalOf;
  private final float[] purchaseRate;
  private final float[] interactionRate;
  private final Catalogue catalogue;
  private final String shopSystem;

  public Model(Settings settings) {
    this.settings = settings;
    this.end = settings.referenceDate().getEpochSecond();
    this.start = settings.referenceDate().atZone(ZoneOffset.UTC).minusYears(settings.years()).toEpochSecond();
    this.shopSystem = "STORE:" + settings.shop();
    this.catalogue = new Catalogue(new SplittableRandom(mix(settings.seed(), -1, 9)));
    int n = settings.customers();
    originalOf = new int[n];
    java.util.BitSet claimed = new java.util.BitSet(n);
    for (int k = 0; k < n; k++) {
      originalOf[k] = -1;
      if (k >= 50 && random(k, 0).nextDouble() < settings.duplicateShare()) {
        int j = random(k, 7).nextInt(k);
        while (j > 0 && (originalOf[j] >= 0 || claimed.get(j))) {
          j--;
        }
        if (originalOf[j] < 0 && !claimed.get(j)) {
          claimed.set(j);
          originalOf[k] = j;
        }
      }
    }
    purchaseRate = new float[n];
    interactionRate = new float[n];
    double purchaseSum = 0;
    double interactionSum = 0;
    for (int k = 0; k < n; k++) {
      SplittableRandom r = random(k, 3);
      boolean duplicate = isDuplicate(k);
      double activeShare = (end - Math.max(start, createdAt(k))) / (double) (end - start);
      double buyer = r.nextDouble() < (duplicate ? 0.45 : 0.66) ? 1 : 0;
      double p = buyer * Math.pow(1 - r.nextDouble(), -1 / 1.5) * activeShare * (duplicate ? 0.3 : 1);
      // About 60 % are engaged: twice the touchpoints of the others.
      double subscriber = random(k, 6).nextDouble() < 0.6 ? 2 : 1;
      double i = Math.pow(1 - r.nextDouble(), -1 / 2.5) * (0.3 + activeShare) * subscriber * (duplicate ? 0.3 : 1);
      purchaseRate[k] = (float) p;
      interactionRate[k] = (float) i;
      purchaseSum += p;
      interactionSum += i;
    }
    scale(purchaseRate, purchaseSum, settings.purchases(), MAX_PURCHASES * 0.8);
    scale(interactionRate, interactionSum, settings.interactions(), MAX_INTERACTIONS * 0.8);
  }

  /**
   * Scales the weights to rates whose capped sum is the target: a few fixed-point steps put back the mass the cap
   * takes from the heaviest customers.
   */
  private static void scale(float[] weights, double sum, long target, double cap) {
    if (sum == 0) {
      return;
    }
    double s = target / sum;
    for (int step = 0; step < 4; step++) {
      double capped = 0;
      for (float w : weights) {
        capped += Math.min(cap, w * s);
      }
      s *= target / capped;
    }
    for (int k = 0; k < weights.length; k++) {
      weights[k] = (float) Math.min(cap, weights[k] * s);
    }
  }

  public Settings settings() {
    return settings;
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  public String shopSystem() {
    return shopSystem;
  }

  /** Profile ids start at 1; ids of other rows are the profile's index times a stride plus an ordinal. */
  public static long customerId(int k) {
    return k + 1L;
  }

  // ---------------------------------------------------------------------------------------------------------
  // The profile

  public Profile profile(int k) {
    long id = customerId(k);
    long created = createdAt(k);
    boolean duplicate = isDuplicate(k);
    int original = duplicate ? original(k) : k;
    SplittableRandom r = random(k, 2);
    Person person = duplicate ? duplicatePerson(person(original), r, k) : person(k);

    // Systems: the ERP (every account and store customer), the shop (online buyers), the email platform.
    String erpId = null;
    String shopId = null;
    if (duplicate) {
      // The same person again: a second store account with an email variant, or a second ERP account.
      if (r.nextDouble() < 0.7) {
        shopId = Long.toString(7_000_000_000_000L + k);
      } else {
        erpId = Long.toString(1_000_000 + k);
      }
    } else {
      double u = r.nextDouble();
      if (u < 0.35) {
        erpId = Long.toString(1_000_000 + k);
      } else if (u < 0.60) {
        shopId = Long.toString(7_000_000_000_000L + k);
      } else {
        erpId = Long.toString(1_000_000 + k);
        shopId = Long.toString(7_000_000_000_000L + k);
      }
    }
    long from = Math.max(start, created);

    // Consents
    List<Consent> consents = new ArrayList<>();
    long consentId = id * CONSENT_STRIDE;
    long emailGrantedFrom = 0;
    long emailGrantedUntil = 0;
    boolean member = false;
    String memberStatus = null;
    long memberStatusAt = 0;
    boolean cleaned = false;
    long withdrawnAt = 0;
    if (person.email() != null && r.nextDouble() < 0.85) {
      long decided = created + 60 + (long) (r.nextDouble() * 3600);
      boolean granted = r.nextDouble() < 0.72;
      String source = shopId != null ? shopSystem : ERP;
      consents.add(new Consent(++consentId, "EMAIL", "MARKETING", granted ? "GRANTED" : "DENIED", source, decided,
          shopId != null ? "shopify email_marketing_consent state=" + (granted ? "subscribed" : "not_subscribed")
              + " opt_in_level=single_opt_in collected_from=SHOPIFY" : "signup form, newsletter box"));
      memberStatus = granted ? "subscribed" : "unsubscribed";
      memberStatusAt = decided;
      if (granted) {
        member = true;
        emailGrantedFrom = decided;
        emailGrantedUntil = end;
        if (r.nextDouble() < 0.2) {
          long at = decided + (long) (r.nextDouble() * (end - decided));
          cleaned = r.nextDouble() < 0.1;
          withdrawnAt = at;
          emailGrantedUntil = at;
          consents.add(new Consent(++consentId, "EMAIL", "MARKETING", "WITHDRAWN", MAILCHIMP_CONSENT_SOURCE, at,
              cleaned ? "Mailchimp cleaned on list " + settings.audience() + " (reason=hard)"
                  : "Mailchimp unsubscribe on list " + settings.audience() + " (reason=manual, action=unsub)"));
          memberStatus = cleaned ? "cleaned" : "unsubscribed";
          memberStatusAt = at;
          if (!cleaned && r.nextDouble() < 0.15) {
            long again = at + (long) (r.nextDouble() * (end - at));
            consents.add(new Consent(++consentId, "EMAIL", "MARKETING", "GRANTED", ERP, again,
                "customer service call, re-subscribed"));
            memberStatus = "subscribed";
            memberStatusAt = again;
          }
        }
      }
      if (r.nextDouble() < 0.45) {
        long at = decided + 1;
        boolean profiling = r.nextDouble() < 0.75;
        consents.add(new Consent(++consentId, "EMAIL", "PROFILING", profiling ? "GRANTED" : "DENIED", source, at,
            "signup form, personalisation box"));
      }
    }
    if (person.phone() != null) {
      double u = r.nextDouble();
      if (u < 0.5) {
        long at = created + 120 + (long) (r.nextDouble() * 86400 * 30);
        consents.add(new Consent(++consentId, "SMS", "MARKETING", u < 0.3 ? "GRANTED" : "DENIED",
            shopId != null ? shopSystem : ERP, Math.min(at, end - 1), "checkout, SMS box"));
      }
      if (r.nextDouble() < 0.08) {
        consents.add(new Consent(++consentId, "PHONE", "MARKETING", "GRANTED", ERP, created + 300,
            "call centre, recorded call"));
      }
    }
    if (person.address() != null && erpId != null && r.nextDouble() < 0.3) {
      consents.add(new Consent(++consentId, "POST", "MARKETING", r.nextDouble() < 0.85 ? "GRANTED" : "WITHDRAWN",
          ERP, created + 600, "paper form"));
    }
    consents.sort(Comparator.comparingLong(Consent::decidedAt).thenComparingLong(Consent::id));

    // Purchases
    List<Purchase> purchases = purchases(k, id, person, erpId, shopId, from);

    // Interactions and conversations
    List<Interaction> interactions = new ArrayList<>();
    List<Conversation> conversations = new ArrayList<>();
    interactions(k, id, person, member, emailGrantedFrom, emailGrantedUntil, withdrawnAt, cleaned, person.phone() != null
        && consents.stream().anyMatch(c -> c.channel().equals("SMS") && c.status().equals("GRANTED")), from,
        interactions, conversations);

    // Lifecycle from the purchases, as the CRM's scorer would see it at the reference date
    String stage;
    if (purchases.isEmpty()) {
      stage = interactions.isEmpty() ? "LEAD" : "PROSPECT";
    } else {
      long last = purchases.get(purchases.size() - 1).placedAt();
      long days = (end - last) / 86400;
      stage = days <= 180 ? "ACTIVE" : days <= 365 ? "AT_RISK" : "CHURNED";
    }
    List<String> tags = new ArrayList<>();
    if (shopId != null) {
      tags.add("online");
    }
    if (purchases.size() >= 20) {
      tags.add("vip");
    }
    if (r.nextDouble() < 0.05) {
      tags.add("b2b");
    }
    long updated = created;
    for (Consent c : consents) {
      updated = Math.max(updated, c.decidedAt());
    }
    if (r.nextDouble() < 0.3) {
      updated = Math.max(updated, Math.min(end - 1, created + (long) (r.nextDouble() * (end - created))));
    }
    return new Profile(k, id, person, duplicate ? customerId(original) : 0, erpId, shopId, member, memberStatus,
        memberStatusAt, created, updated, stage, tags, consents, conversations, interactions, purchases);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Purchases

  private List<Purchase> purchases(int k, long customerId, Person person, String erpId, String shopId, long from) {
    SplittableRandom r = random(k, 4);
    int count = Math.min(MAX_PURCHASES, poisson(r, purchaseRate[k]));
    long[] times = new long[count];
    for (int i = 0; i < count; i++) {
      times[i] = Seasons.purchaseTime(r, from, end);
    }
    java.util.Arrays.sort(times);
    List<Purchase> out = new ArrayList<>(count);
    int taxRate = Geo.taxPercent(person.address() == null ? "DE" : person.address().country());
    for (int i = 0; i < count; i++) {
      long id = customerId * PURCHASE_STRIDE + i;
      boolean online = shopId != null && (erpId == null || r.nextDouble() < 0.65);
      String system = online ? shopSystem : ERP;
      String orderId = online ? Long.toString(4_000_000_000_000L + id) : "SO-" + id;
      int lineCount = 1;
      while (lineCount < 20 && r.nextDouble() < 0.42) {
        lineCount++;
      }
      List<Line> lines = new ArrayList<>(lineCount);
      long subtotal = 0;
      for (int l = 0; l < lineCount; l++) {
        Catalogue.Product p = catalogue.pick(r);
        double q = r.nextDouble();
        int quantity = q < 0.8 ? 1 : q < 0.93 ? 2 : 3 + r.nextInt(3);
        long unit = p.priceCents();
        long discount = r.nextDouble() < 0.1 ? quantity * unit * (10 + r.nextInt(3) * 5) / 100 : 0;
        Line line = new Line(p.sku(), p.name(), p.category(), quantity, unit, discount);
        lines.add(line);
        subtotal += line.totalCents();
      }
      long orderDiscount = r.nextDouble() < 0.06 ? subtotal / 10 : 0;
      long shipping = subtotal - orderDiscount < 5000 ? 490 : 0;
      long tax = online ? 0 : Math.round((subtotal - orderDiscount + shipping) * taxRate / 100.0);
      long total = subtotal - orderDiscount + shipping + tax;
      long placed = times[i];
      double u = r.nextDouble();
      List<StatusChange> history = new ArrayList<>(4);
      history.add(new StatusChange("PLACED", placed));
      String status = "PLACED";
      long refunded = 0;
      long refundedAt = 0;
      long paid = placed + 30 + r.nextInt(600);
      long shipped = paid + 86400 + r.nextInt(2 * 86400);
      if (u < 0.04) {
        long at = placed + 600 + r.nextInt(86400);
        if (at < end) {
          status = "CANCELLED";
          history.add(new StatusChange(status, at));
        }
      } else {
        if (paid < end) {
          status = "PAID";
          history.add(new StatusChange(status, paid));
        }
        if (shipped < end) {
          status = "FULFILLED";
          history.add(new StatusChange(status, shipped));
          long at = shipped + 86400 * (2 + r.nextInt(20));
          if (u < 0.07 && at < end) {
            refunded = total;
            refundedAt = at;
            status = "REFUNDED";
            history.add(new StatusChange(status, at));
          } else if (u < 0.10 && at < end) {
            refunded = total * 3 / 10;
            refundedAt = at;
          }
        }
      }
      long updated = history.get(history.size() - 1).at();
      out.add(new Purchase(id, system, orderId, status, person.currency(), placed, updated, lines, subtotal,
          orderDiscount, shipping, tax, total, refunded, refundedAt, online, history));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Interactions

  private static final String[][] SUPPORT = {
    {"Where is my order?", "It ships today."},
    {"Wrong size delivered", "We send the right one, keep the other."},
    {"Invoice needed", "Attached."},
    {"Damaged item", "Refund on its way."},
    {"Change of address", "Done."},
    {"Question about a product", "Yes, it is dishwasher safe."},
  };

  private void interactions(int k, long customerId, Person person, boolean member, long emailFrom, long emailUntil,
      long withdrawnAt, boolean cleaned, boolean smsGranted, long from, List<Interaction> out,
      List<Conversation> conversations) {
    SplittableRandom r = random(k, 5);
    int budget = Math.min(MAX_INTERACTIONS - 8, poisson(r, interactionRate[k]));
    long base = customerId * INTERACTION_STRIDE;
    long conversationBase = customerId * CONVERSATION_STRIDE;
    double openRate = member ? 0.1 + 0.5 * r.nextDouble() : 0;
    double clickRate = openRate * (0.05 + 0.3 * r.nextDouble());
    int[] next = {0};
    if (withdrawnAt >= from) { // an unsubscribe inside the span is also a touchpoint
      long id = base + next[0]++;
      out.add(new Interaction(id, "EMAIL", cleaned ? "CAMPAIGN_BOUNCED" : "UNSUBSCRIBE", "INBOUND", withdrawnAt,
          cleaned ? "Address cleaned" : "Unsubscribed", null,
          "{\"listId\":\"" + settings.audience() + "\",\"reason\":\"" + (cleaned ? "hard" : "manual") + "\"}",
          null, MAILCHIMP_EVENTS, "mc-" + id, null));
      budget--;
    }
    while (budget > 0 && conversations.size() < CONVERSATION_STRIDE - 1) {
      double u = r.nextDouble();
      if (u < 0.74) {
        if (!member || emailUntil <= Math.max(from, emailFrom)) {
          u = 0.74 + r.nextDouble() * 0.26; // no email marketing: another channel
        } else {
          // A campaign receipt: sent, maybe opened, maybe clicked.
          long sent = Seasons.campaignTime(r, Math.max(from, emailFrom), emailUntil);
          if (sent < 0) {
            continue;
          }
          String campaign = Seasons.campaignId(sent);
          String attrs = "{\"campaignId\":\"" + campaign + "\",\"listId\":\"" + settings.audience() + "\"}";
          long id = base + next[0]++;
          out.add(new Interaction(id, "EMAIL", "CAMPAIGN_SENT", "OUTBOUND", sent, "Newsletter " + campaign, null,
              attrs, null, MAILCHIMP_EVENTS, "mc-" + id, null));
          budget--;
          if (budget > 0 && r.nextDouble() < openRate) {
            long opened = sent + 300 + (long) exponential(r, 8 * 3600);
            if (opened < end) {
              id = base + next[0]++;
              out.add(new Interaction(id, "EMAIL", "CAMPAIGN_OPENED", "INBOUND", opened, "Newsletter " + campaign,
                  null, attrs, null, MAILCHIMP_EVENTS, "mc-" + id, null));
              budget--;
              if (budget > 0 && r.nextDouble() < clickRate / openRate) {
                long clicked = opened + 5 + (long) exponential(r, 120);
                if (clicked < end) {
                  id = base + next[0]++;
                  out.add(new Interaction(id, "EMAIL", "CAMPAIGN_CLICKED", "INBOUND", clicked,
                      "Newsletter " + campaign, null, attrs, null, MAILCHIMP_EVENTS, "mc-" + id, null));
                  budget--;
                }
              }
            }
          }
          continue;
        }
      }
      long at = Seasons.activityTime(r, from, end);
      long id = base + next[0];
      if (u < 0.88) {
        next[0]++;
        out.add(new Interaction(id, "WEB", "VISIT", "INBOUND", at, "Visit", null,
            "{\"page\":\"/p/" + catalogue.pick(r).sku().toLowerCase(Locale.ROOT) + "\"}", null, WEB, "w-" + id,
            null));
        budget--;
      } else if (u < 0.92) {
        next[0]++;
        out.add(new Interaction(id, "STORE", "VISIT", "INBOUND", at, "Store visit", null, null, null, ERP,
            "s-" + id, null));
        budget--;
      } else if (u < 0.94 && smsGranted) {
        next[0]++;
        out.add(new Interaction(id, "SMS", "CAMPAIGN_SENT", "OUTBOUND", at, "SMS offer", null, null, null, ERP,
            "sms-" + id, null));
        budget--;
      } else if (u < 0.955) {
        next[0]++;
        out.add(new Interaction(id, "PUSH", "CAMPAIGN_SENT", "OUTBOUND", at, "App notification", null, null, null,
            WEB, "p-" + id, null));
        budget--;
      } else if (u < 0.965) {
        next[0]++;
        out.add(new Interaction(id, "PHONE", "NOTE", "INTERNAL", at, "Note", "Prefers calls in the morning.",
            null, "agent" + (1 + r.nextInt(40)), ERP, "n-" + id, null));
        budget--;
      } else {
        // A support matter: a conversation over one channel, answered by an agent.
        double c = r.nextDouble();
        String channel = c < 0.35 ? "EMAIL" : c < 0.6 ? "PHONE" : c < 0.85 ? "CHAT" : c < 0.93 ? "SOCIAL"
            : "SUPPORT_PORTAL";
        String[] topic = SUPPORT[r.nextInt(SUPPORT.length)];
        String agent = "agent" + (1 + r.nextInt(40));
        long conversationId = conversationBase + conversations.size();
        boolean complaint = topic[0].startsWith("Damaged") || topic[0].startsWith("Wrong");
        String firstType = channel.equals("PHONE") ? "CALL" : complaint ? "COMPLAINT" : "INQUIRY";
        List<Interaction> messages = new ArrayList<>(4);
        messages.add(new Interaction(id, channel, firstType, "INBOUND", at, topic[0], topic[0], null, null, ERP,
            "c-" + id, conversationId));
        long t = at;
        if (budget > 1 && r.nextDouble() < 0.93) {
          t += 60 + (long) exponential(r, channel.equals("EMAIL") ? 6 * 3600 : 600);
          long rid = id + messages.size();
          messages.add(new Interaction(rid, channel, "MESSAGE", "OUTBOUND", t, "Re: " + topic[0], topic[1], null,
              agent, ERP, "c-" + rid, conversationId));
          if (budget > 3 && r.nextDouble() < 0.35) {
            t += 60 + (long) exponential(r, 12 * 3600);
            rid = id + messages.size();
            messages.add(new Interaction(rid, channel, "MESSAGE", "INBOUND", t, "Re: " + topic[0], "Thanks, and?",
                null, null, ERP, "c-" + rid, conversationId));
            t += 60 + (long) exponential(r, 3 * 3600);
            rid = id + messages.size();
            messages.add(new Interaction(rid, channel, "MESSAGE", "OUTBOUND", t, "Re: " + topic[0], "Sorted.",
                null, agent, ERP, "c-" + rid, conversationId));
          }
        }
        messages.removeIf(m -> m.at() >= end); // the opening message is always before the end
        next[0] += messages.size() == 1 ? 1 : 4; // ids stay unique whatever was dropped
        long firstResponse = 0;
        long lastResponse = 0;
        for (Interaction m : messages) {
          if (m.direction().equals("OUTBOUND")) {
            firstResponse = firstResponse == 0 ? m.at() : firstResponse;
            lastResponse = m.at();
          }
        }
        Interaction last = messages.get(messages.size() - 1);
        long resolved = last.direction().equals("OUTBOUND") && r.nextDouble() < 0.9
            ? last.at() + 600 + (long) exponential(r, 86400) : 0;
        resolved = resolved >= end ? 0 : resolved;
        long waiting = resolved == 0 && last.direction().equals("INBOUND") ? last.at() : 0;
        conversations.add(new Conversation(conversationId, channel, topic[0], at, firstResponse, lastResponse,
            resolved, last.at(), waiting, messages.size()));
        out.addAll(messages);
        budget -= messages.size();
      }
    }
    out.sort(Comparator.comparingLong(Interaction::at).thenComparingLong(Interaction::id));
  }

  // ---------------------------------------------------------------------------------------------------------
  // People

  long createdAt(int k) {
    SplittableRandom r = random(k, 1);
    // Sign-ups over the span and the two years before it, growing linearly (density rises towards the end).
    long from = start - 2L * 365 * 86400;
    long to = end - 7L * 86400;
    return from + (long) ((to - from) * Math.sqrt(r.nextDouble()));
  }

  boolean isDuplicate(int k) {
    return originalOf[k] >= 0;
  }

  /** The earlier profile a duplicate repeats (never itself a duplicate, nor repeated by another). */
  int original(int k) {
    return originalOf[k];
  }

  Person person(int k) {
    SplittableRandom r = random(k, 1);
    r.nextDouble(); // createdAt's draw
    Geo.Country country = Geo.country(r);
    String given = country.given()[r.nextInt(country.given().length)];
    String family = country.family()[r.nextInt(country.family().length)];
    String email = r.nextDouble() < 0.96 ? Geo.email(r, given, family, k, country) : null;
    String phone = r.nextDouble() < 0.7 ? phone(country.code(), k) : null;
    LocalDate birth = r.nextDouble() < 0.6 ? LocalDate.of(1945, 1, 1).plusDays(r.nextInt(365 * 60)) : null;
    Geo.Address address = r.nextDouble() < 0.9 ? Geo.address(r, country) : null;
    return new Person(given, family, email, phone, birth, country.language(r), address, country.currency());
  }

  private Person duplicatePerson(Person p, SplittableRandom r, int k) {
    String email = p.email() == null ? null : Geo.variant(r, p.email());
    if (email == null) {
      email = Geo.email(r, p.givenName(), p.familyName(), k, Geo.country(p.address() == null ? "DE"
          : p.address().country()));
    }
    // No phone: the original holds it as a match key (a profile with the same phone would have been matched).
    return new Person(p.givenName(), p.familyName(), email, null, r.nextDouble() < 0.5 ? p.birthDate() : null,
        p.language(), r.nextDouble() < 0.7 ? p.address() : null, p.currency());
  }

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final java.util.Map<String, String> PHONE_PREFIX = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A valid mobile number of the country, unique per profile (up to ten million): the country's example mobile
   * number with its last seven digits replaced by the profile's index; where that is not a valid number (e.g. a
   * North American exchange may not start with 0 or 1), the first of the seven digits becomes a 5 or a 7.
   */
  static String phone(String region, int k) {
    String prefix = PHONE_PREFIX.computeIfAbsent(region, reg -> {
      PhoneNumber example = PHONES.getExampleNumberForType(reg, PhoneNumberUtil.PhoneNumberType.MOBILE);
      String national = Long.toString(example.getNationalNumber());
      return "+" + example.getCountryCode() + national.substring(0, national.length() - 7);
    });
    String digits = Integer.toString(k % 10_000_000);
    String seven = "0000000".substring(digits.length()) + digits;
    for (String first : new String[] {seven.substring(0, 1), "5", "7"}) {
      String candidate = prefix + first + seven.substring(1);
      if (valid(candidate)) {
        return candidate;
      }
    }
    return prefix + "5" + seven.substring(1);
  }

  private static boolean valid(String e164) {
    try {
      return PHONES.isValidNumber(PHONES.parse(e164, "ZZ"));
    } catch (com.google.i18n.phonenumbers.NumberParseException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Randomness

  SplittableRandom random(int k, int purpose) {
    return new SplittableRandom(mix(settings.seed(), k, purpose));
  }

  static long mix(long seed, long k, int purpose) {
    long z = seed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L + purpose * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static int poisson(SplittableRandom r, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * g));
    }
    double l = Math.exp(-lambda);
    int n = 0;
    double p = r.nextDouble();
    while (p > l) {
      n++;
      p *= r.nextDouble();
    }
    return n;
  }

  static double exponential(SplittableRandom r, double mean) {
    return -Math.log(1 - r.nextDouble()) * mean;
  }

  /** Times with yearly, weekly and daily seasonality (rejection sampling), in epoch seconds. */
  static final class Seasons {

    private Seasons() {}

    /** Yearly weight by day of year: summer dip, November build-up, Black Friday week, December peak. */
    static double year(LocalDate d) {
      int m = d.getMonthValue();
      int day = d.getDayOfMonth();
      return switch (m) {
        case 1 -> day < 10 ? 1.1 : 0.75;
        case 2 -> 0.8;
        case 7, 8 -> 0.8;
        case 11 -> day >= 22 && day <= 30 ? 2.6 : 1.4;
        case 12 -> day <= 22 ? 2.0 : 1.0;
        default -> 1.0;
      };
    }

    private static final double[] PURCHASE_WEEK = {1.0, 0.95, 0.95, 1.0, 1.05, 1.1, 1.25}; // Mon..Sun
    private static final double[] PURCHASE_HOUR = {
      0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.1, 1.2, 1.3, 1.5, 1.8, 2.0, 1.9,
      1.4, 0.8};
    private static final double[] ACTIVITY_WEEK = {1.1, 1.05, 1.0, 1.0, 0.95, 0.8, 0.7};

    static long purchaseTime(SplittableRandom r, long from, long to) {
      return sample(r, from, to, PURCHASE_WEEK, 2.6 * 1.25 * 2.0);
    }

    static long activityTime(SplittableRandom r, long from, long to) {
      return sample(r, from, to, ACTIVITY_WEEK, 2.6 * 1.1 * 2.0);
    }

    private static long sample(SplittableRandom r, long from, long to, double[] week, double max) {
      if (to <= from + 1) {
        return from;
      }
      for (int attempt = 0; attempt < 200; attempt++) {
        long t = from + (long) (r.nextDouble() * (to - from));
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(t, 86400));
        int hour = (int) (Math.floorMod(t, 86400) / 3600);
        double w = year(d) * week[d.getDayOfWeek().getValue() - 1] * PURCHASE_HOUR[hour];
        if (r.nextDouble() * max < w) {
          return t;
        }
      }
      return from + (long) (r.nextDouble() * (to - from));
    }

    /**
     * A newsletter send: a seasonal day snapped to its week's Tuesday 09:00 UTC (and Thursday in November and
     * December, when there are two a week); -1 when none falls in the window.
     */
    static long campaignTime(SplittableRandom r, long from, long to) {
      if (to - from < 7 * 86400) {
        return -1;
      }
      long t = sample(r, from, to, ACTIVITY_WEEK, 2.6 * 1.1 * 2.0);
      LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(t, 86400));
      LocalDate monday = d.minusDays(d.getDayOfWeek().getValue() - 1L);
      int m = d.getMonthValue();
      DayOfWeek day = (m == 11 || m == 12) && r.nextBoolean() ? DayOfWeek.THURSDAY : DayOfWeek.TUESDAY;
      long send = monday.plusDays(day.getValue() - 1L).toEpochDay() * 86400 + 9 * 3600 + r.nextInt(1800);
      if (send < from) {
        send += 7 * 86400;
      }
      return send < to ? send : -1;
    }

    static String campaignId(long sent) {
      LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(sent, 86400));
      return String.format(Locale.ROOT, "nl-%d-w%02d%s", d.get(IsoFields.WEEK_BASED_YEAR),
          d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), d.getDayOfWeek() == DayOfWeek.THURSDAY ? "b" : "");
    }
  }

}
