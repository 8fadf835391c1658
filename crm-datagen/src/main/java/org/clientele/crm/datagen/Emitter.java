package org.clientele.crm.datagen;

import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same data as the messages that would have created it, for end-to-end runs through the real inbound
 * routes:
 *
 * <ul>
 *   <li>{@code erp/customers-NNNN.jsonl}, {@code erp/orders-NNNN.jsonl}, {@code erp/consents-NNNN.jsonl}: the
 *       canonical {@code customer.master}, {@code order} (orders and credit notes) and {@code consent} messages of
 *       the ERP, for its file drop (docs/integration/erp.md); drop the customers files first;
 *   <li>{@code shopify/deliveries-NNNN.tsv}: one webhook delivery a line, {@code topic \t shop \t event id \t
 *       triggered at \t raw JSON body} ({@code customers/create}, {@code orders/create}, {@code refunds/create}),
 *       signed when sent (the secret is the receiver's);
 *   <li>{@code mailchimp/webhooks-NNNN.txt}: one form-encoded Mailchimp webhook body a line ({@code unsubscribe},
 *       {@code cleaned}).
 * </ul>
 *
 * Profiles the messages would merge (an ERP customer who is also a store customer, by email) load as one profile;
 * interactions other than unsubscribes and bounces have no inbound channel yet and are not emitted.
 */
public final class Emitter implements AutoCloseable {

  static final int RECORDS_PER_FILE = 50_000;

  private final Model model;
  private final Path directory;
  private final Map<String, Sink> sinks = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();

  public Emitter(Model model, Path directory) {
    this.model = model;
    this.directory = directory;
  }

  /** Writes every profile's messages; returns the number of messages per file kind. */
  public Map<String, Long> emitAll() throws IOException {
    for (int k = 0; k < model.settings().customers(); k++) {
      emit(model.profile(k));
    }
    close();
    return counts;
  }

  void emit(Model.Profile p) throws IOException {
    Model.Person person = p.person();
    if (p.erpId() != null) {
      Json c = new Json().str("messageId", "dg-customer-" + p.id()).str("erpCustomerId", p.erpId())
          .str("givenName", person.givenName()).str("familyName", person.familyName()).str("email", person.email())
          .str("phone", person.phone()).str("birthDate", person.birthDate() == null ? null
              : person.birthDate().toString()).str("language", person.language());
      Geo.Address a = person.address();
      c.raw("address", a == null ? null : new Json().str("line1", a.line1()).str("line2", a.line2())
          .str("postalCode", a.postalCode()).str("city", a.city()).str("region", a.region())
          .str("country", a.country()).end());
      c.raw("tags", Json.strings(p.tags())).str("changedAt", Text.iso(p.createdAt()));
      write("erp/customers", c.end());
      for (Model.Consent k : p.consents()) {
        if (k.source().equals(Model.ERP)) {
          write("erp/consents", new Json().str("messageId", "dg-consent-" + k.id()).str("erpCustomerId", p.erpId())
              .str("channel", k.channel()).str("purpose", k.purpose()).str("status", k.status())
              .str("decidedAt", Text.iso(k.decidedAt())).str("evidence", k.evidence()).end());
        }
      }
    }
    if (p.shopCustomerId() != null) {
      shopifyCustomer(p);
    }
    for (Model.Purchase o : p.purchases()) {
      if (o.sourceSystem().equals(Model.ERP)) {
        erpOrder(p, o);
      } else {
        shopifyOrder(p, o);
      }
    }
    for (Model.Consent k : p.consents()) {
      if (k.source().equals(Model.MAILCHIMP_CONSENT_SOURCE)) {
        mailchimp(p, k);
      }
    }
  }

  private void erpOrder(Model.Profile p, Model.Purchase o) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Model.Line l : o.lines()) {
      lines.add(new Json().str("sku", l.sku()).str("name", l.name()).str("category", l.category())
          .num("quantity", l.quantity()).money("unitPrice", l.unitCents()).money("discount", l.discountCents())
          .end());
    }
    // The order's final state as one version; a cancelled or refunded order as its last status.
    String status = o.status().equals("REFUNDED") ? "FULFILLED" : o.status();
    write("erp/orders", new Json().str("messageId", "dg-order-" + o.id()).str("documentType", "order")
        .str("erpCustomerId", p.erpId()).str("orderId", o.orderId()).str("status", status)
        .str("currency", o.currency()).str("placedAt", Text.iso(o.placedAt()))
        .str("updatedAt", Text.iso(o.updatedAt())).raw("lines", Json.array(lines))
        .money("discountTotal", o.discount()).money("shippingTotal", o.shipping()).money("taxTotal", o.tax())
        .end());
    if (o.refunded() > 0) {
      write("erp/orders", new Json().str("messageId", "dg-credit-" + o.id()).str("documentType", "creditNote")
          .str("orderId", o.orderId()).str("creditNoteId", "RF-" + o.id()).money("amount", o.refunded())
          .str("issuedAt", Text.iso(o.refundedAt()))
          .str("reason", o.refunded() == o.total() ? "returned" : "partial return").end());
    }
  }

  private void shopifyCustomer(Model.Profile p) throws IOException {
    Model.Person person = p.person();
    Json c = new Json().num("id", Long.parseLong(p.shopCustomerId())).str("email", person.email())
        .str("phone", person.phone()).str("first_name", person.givenName()).str("last_name", person.familyName())
        .str("created_at", Text.iso(p.createdAt())).str("updated_at", Text.iso(p.updatedAt()))
        .str("tags", String.join(", ", p.tags())).str("currency", p.person().currency());
    Geo.Address a = person.address();
    c.raw("default_address", a == null ? null : address(person, a));
    c.raw("email_marketing_consent", consent(p, "EMAIL"));
    c.raw("sms_marketing_consent", consent(p, "SMS"));
    delivery("customers/create", "c-" + p.id(), p.createdAt(), c.end());
  }

  private String consent(Model.Profile p, String channel) {
    for (Model.Consent k : p.consents()) {
      if (k.channel().equals(channel) && k.purpose().equals("MARKETING") && k.source().equals(model.shopSystem())) {
        String state = switch (k.status()) {
          case "GRANTED" -> "subscribed";
          case "DENIED" -> "not_subscribed";
          case "WITHDRAWN" -> "unsubscribed";
          default -> "pending";
        };
        return new Json().str("state", state).str("opt_in_level", "single_opt_in")
            .str("consent_updated_at", Text.iso(k.decidedAt())).str("consent_collected_from", "SHOPIFY").end();
      }
    }
    return null;
  }

  private static String address(Model.Person person, Geo.Address a) {
    return new Json().str("first_name", person.givenName()).str("last_name", person.familyName())
        .str("address1", a.line1()).str("address2", a.line2()).str("zip", a.postalCode()).str("city", a.city())
        .str("province", a.region()).str("province_code", a.region()).str("country_code", a.country())
        .str("phone", person.phone()).end();
  }

  private void shopifyOrder(Model.Profile p, Model.Purchase o) throws IOException {
    List<String> lines = new ArrayList<>();
    long lineDiscounts = 0;
    int n = 0;
    for (Model.Line l : o.lines()) {
      lineDiscounts += l.discountCents();
      lines.add(new Json().num("id", o.id() * 32 + n++).str("sku", l.sku()).str("title", l.name())
          .str("variant_title", null).num("quantity", l.quantity()).money("price", l.unitCents())
          .raw("discount_allocations", l.discountCents() == 0 ? "[]"
              : "[" + new Json().money("amount", l.discountCents()).end() + "]").end());
    }
    String financial = o.status().equals("PLACED") || o.status().equals("CANCELLED") ? "pending"
        : o.refunded() == 0 ? "paid" : o.refunded() == o.total() ? "refunded" : "partially_refunded";
    Model.Person person = p.person();
    String body = new Json().num("id", Long.parseLong(o.orderId())).str("name", "#" + o.id())
        .str("email", person.email()).str("phone", null).str("created_at", Text.iso(o.placedAt()))
        .str("processed_at", Text.iso(o.placedAt())).str("updated_at", Text.iso(o.updatedAt()))
        .str("cancelled_at", o.status().equals("CANCELLED") ? Text.iso(o.updatedAt()) : null)
        .str("currency", o.currency()).money("subtotal_price", o.subtotal()).money("total_price", o.total())
        .money("total_discounts", o.discount() + lineDiscounts).money("total_tax", 0).bool("taxes_included", true)
        .raw("total_shipping_price_set", "{\"shop_money\":" + new Json().money("amount", o.shipping())
            .str("currency_code", o.currency()).end() + "}")
        .str("financial_status", financial)
        .str("fulfillment_status", o.status().equals("FULFILLED") || o.status().equals("REFUNDED") ? "fulfilled"
            : null)
        .raw("customer", new Json().num("id", Long.parseLong(p.shopCustomerId())).str("email", person.email())
            .end())
        .raw("billing_address", person.address() == null ? null : address(person, person.address()))
        .raw("line_items", Json.array(lines)).end();
    delivery("orders/create", "o-" + o.id(), o.placedAt(), body);
    if (o.refunded() > 0) {
      String refund = new Json().num("id", o.id()).num("order_id", Long.parseLong(o.orderId()))
          .str("created_at", Text.iso(o.refundedAt())).str("processed_at", Text.iso(o.refundedAt()))
          .str("note", o.refunded() == o.total() ? "returned" : "partial return")
          .raw("transactions", "[" + new Json().str("kind", "refund").str("status", "success")
              .money("amount", o.refunded()).end() + "]").raw("refund_line_items", "[]").end();
      delivery("refunds/create", "r-" + o.id(), o.refundedAt(), refund);
    }
  }

  private void delivery(String topic, String event, long at, String body) throws IOException {
    write("shopify/deliveries", topic + "\t" + model.settings().shop() + "\tdg-" + event + "\t" + Text.iso(at)
        + "\t" + body);
  }

  private void mailchimp(Model.Profile p, Model.Consent k) throws IOException {
    boolean cleaned = k.evidence().startsWith("Mailchimp cleaned");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", cleaned ? "cleaned" : "unsubscribe");
    form.put("fired_at", Text.firedAt(k.decidedAt()));
    if (cleaned) {
      form.put("data[list_id]", model.settings().audience());
      form.put("data[campaign_id]", Model.Seasons.campaignId(k.decidedAt()));
      form.put("data[reason]", "hard");
      form.put("data[email]", p.person().email());
    } else {
      form.put("data[action]", "unsub");
      form.put("data[reason]", "manual");
      form.put("data[id]", String.format(Locale.ROOT, "%016x", Model.mix(model.settings().seed(), p.id(), 11))
          .substring(0, 10));
      form.put("data[list_id]", model.settings().audience());
      form.put("data[email]", p.person().email());
      form.put("data[email_type]", "html");
      form.put("data[merges][EMAIL]", p.person().email());
      form.put("data[merges][FNAME]", p.person().givenName());
      form.put("data[merges][LNAME]", p.person().familyName());
      form.put("data[campaign_id]", Model.Seasons.campaignId(k.decidedAt()));
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    write("mailchimp/webhooks", b.toString());
  }

  private void write(String kind, String line) throws IOException {
    Sink sink = sinks.computeIfAbsent(kind, x -> new Sink());
    if (sink.writer == null || sink.inFile == RECORDS_PER_FILE) {
      if (sink.writer != null) {
        sink.writer.close();
      }
      sink.file++;
      sink.inFile = 0;
      String ext = kind.startsWith("erp/") ? ".jsonl" : kind.startsWith("shopify/") ? ".tsv" : ".txt";
      Path path = directory.resolve(kind + String.format(Locale.ROOT, "-%04d", sink.file) + ext);
      Files.createDirectories(path.getParent());
      sink.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }
    sink.writer.write(line);
    sink.writer.write('\n');
    sink.inFile++;
    counts.merge(kind, 1L, Long::sum);
  }

  @Override
  public void close() throws IOException {
    for (Sink s : sinks.values()) {
      if (s.writer != null) {
        s.writer.close();
        s.writer = null;
      }
    }
  }

  private static final class Sink {
    Writer writer;
    int file;
    int inFile;
  }

}
