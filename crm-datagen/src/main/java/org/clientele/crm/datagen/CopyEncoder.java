package org.clientele.crm.datagen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Profiles as rows of PostgreSQL's COPY text format, one buffer per {@link Table}. The rows are what the CRM
 * itself would have stored for the same commands: lower-cased name keys, the email's local part, match keys for
 * the email and phone, identities per system, the store's customer link, the email platform's member (key = MD5
 * of the lower-cased address, as Mailchimp's subscriber hash), purchase totals as the CRM computes them.
 */
final class CopyEncoder {

  private final Model model;
  private final StringBuilder[] out = new StringBuilder[Table.values().length];
  private final MessageDigest md5;

  CopyEncoder(Model model) {
    this.model = model;
    for (int i = 0; i < out.length; i++) {
      out[i] = new StringBuilder(1 << 16);
    }
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  StringBuilder buffer(Table t) {
    return out[t.ordinal()];
  }

  /** The buffers' contents as UTF-8, cleared. */
  byte[][] drain() {
    byte[][] bytes = new byte[out.length][];
    for (int i = 0; i < out.length; i++) {
      bytes[i] = out[i].toString().getBytes(StandardCharsets.UTF_8);
      out[i].setLength(0);
    }
    return bytes;
  }

  void append(Model.Profile p) {
    Model.Person person = p.person();
    long id = p.id();
    String created = Text.ts(p.createdAt());
    StringBuilder c = buffer(Table.CUSTOMER);
    Geo.Address a = person.address();
    String full = person.givenName() + " " + person.familyName();
    row(c, id, 1, person.givenName(), person.familyName(), lower(person.givenName()), lower(person.familyName()),
        lower(full), person.email(), person.email() == null ? null : person.email().substring(0,
            person.email().lastIndexOf('@')), person.phone(),
        person.birthDate() == null ? null : person.birthDate().toString(), person.language(),
        a == null ? null : a.line1(), a == null ? null : a.line2(), a == null ? null : a.postalCode(),
        a == null ? null : a.city(), a == null ? null : a.region(), a == null ? null : a.country(),
        p.lifecycleStage(), "ACTIVE", created, Text.ts(p.updatedAt()));

    StringBuilder ids = buffer(Table.IDENTITY);
    if (p.erpId() != null) {
      row(ids, id, Model.ERP, p.erpId());
    }
    if (p.shopCustomerId() != null) {
      row(ids, id, model.shopSystem(), p.shopCustomerId());
      row(buffer(Table.STORE_CUSTOMER), "shopify", model.settings().shop(), p.shopCustomerId(), id,
          Text.ts(p.updatedAt()), "ACTIVE");
    }
    StringBuilder keys = buffer(Table.MATCH_KEY);
    if (person.email() != null) {
      row(keys, id, "EMAIL", person.email());
    }
    if (person.phone() != null) {
      row(keys, id, "PHONE", person.phone());
    }
    for (String tag : p.tags()) {
      row(buffer(Table.TAG), id, tag);
    }
    StringBuilder consents = buffer(Table.CONSENT);
    for (Model.Consent k : p.consents()) {
      String at = Text.ts(k.decidedAt());
      row(consents, k.id(), id, k.channel(), k.purpose(), k.status(), k.source(), at, k.evidence(), at);
    }
    if (p.emailMember()) {
      String at = Text.ts(p.memberStatusAt());
      row(buffer(Table.EMAIL_MEMBER), "mailchimp", model.settings().audience(), id, person.email(),
          memberKey(person.email()), p.memberStatus(), at, at, at);
    }
    StringBuilder conversations = buffer(Table.CONVERSATION);
    for (Model.Conversation v : p.conversations()) {
      row(conversations, v.id(), id, v.subject(), v.resolvedAt() > 0 ? "RESOLVED" : "OPEN", null, v.channel(),
          Text.ts(v.openedAt()), Text.tsOrNull(v.firstResponseAt()), Text.tsOrNull(v.lastResponseAt()),
          Text.tsOrNull(v.resolvedAt()), Text.ts(v.lastActivityAt()), Text.tsOrNull(v.waitingSince()),
          v.interactionCount(), 0, 1);
    }
    StringBuilder interactions = buffer(Table.INTERACTION);
    for (Model.Interaction i : p.interactions()) {
      String at = Text.ts(i.at());
      row(interactions, i.id(), id, i.channel(), i.type(), i.direction(), at, i.subject(), i.summary(),
          i.attributes(), i.agent(), i.sourceSystem(), i.eventId(), at, i.conversationId());
    }
    StringBuilder purchases = buffer(Table.PURCHASE);
    StringBuilder lines = buffer(Table.PURCHASE_LINE);
    StringBuilder statuses = buffer(Table.PURCHASE_STATUS);
    StringBuilder refunds = buffer(Table.PURCHASE_REFUND);
    for (Model.Purchase o : p.purchases()) {
      String placed = Text.ts(o.placedAt());
      String updated = Text.ts(o.updatedAt());
      row(purchases, o.id(), 1, id, o.sourceSystem(), o.orderId(), o.status(), o.currency(), placed, updated,
          Text.money(o.subtotal()), Text.money(o.discount()), Text.money(o.shipping()), Text.money(o.tax()),
          Text.money(o.total()), Text.money(o.refunded()), Text.money(o.total() - o.refunded()), placed, updated);
      int n = 0;
      for (Model.Line l : o.lines()) {
        row(lines, o.id(), ++n, l.sku(), l.name(), l.category(), l.quantity(), Text.money(l.unitCents()),
            Text.money(l.discountCents()), Text.money(l.totalCents()));
      }
      for (Model.StatusChange s : o.history()) {
        String at = Text.ts(s.at());
        row(statuses, o.id(), s.status(), at, at);
      }
      if (o.refunded() > 0) {
        String at = Text.ts(o.refundedAt());
        row(refunds, o.id(), "RF-" + o.id(), Text.money(o.refunded()), at,
            o.refunded() == o.total() ? "returned" : "partial return", at);
      }
    }
  }

  /** Mailchimp's subscriber hash: MD5 of the lower-cased address, hex. */
  String memberKey(String email) {
    return HexFormat.of().formatHex(md5.digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static void row(StringBuilder b, Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append('\t');
      }
      Object v = values[i];
      if (v == null) {
        b.append("\\N");
      } else if (v instanceof String s) {
        escape(b, s);
      } else {
        b.append(v);
      }
    }
    b.append('\n');
  }

  private static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(ch);
      }
    }
  }

}
