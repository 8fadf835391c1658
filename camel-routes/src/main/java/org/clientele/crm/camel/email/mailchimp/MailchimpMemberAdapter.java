package org.clientele.crm.camel.email.mailchimp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.clientele.crm.api.email.EmailMember;
import org.clientele.crm.api.email.EmailMemberRegistry;
import org.clientele.crm.camel.email.EmailPlatformAdapter;
import org.clientele.crm.camel.email.ErasedMember;
import org.clientele.crm.camel.email.MemberMessage;
import org.clientele.crm.camel.email.mailchimp.MailchimpClient.Response;
import org.clientele.crm.camel.outbox.PermanentDeliveryException;

/**
 * Mailchimp's side of the member messages: {@code PUT /lists/{list}/members/{hash}} (an upsert) with the status
 * {@link MemberStatusRule} allows, the mapped merge fields and the language; an email change goes to the OLD
 * address's hash with the new {@code email_address} (Mailchimp changes the member's address: one member, never
 * two); erasure is {@code POST .../members/{hash}/actions/delete-permanent}. What Mailchimp answers (address,
 * status) is recorded in the {@link EmailMemberRegistry}. Before changing a member's status the member is read
 * first, so that a stale record cannot re-subscribe someone who unsubscribed in Mailchimp meanwhile, nor touch a
 * cleaned member. Status changes are rare; profile updates, the bulk of the traffic, take one call.
 *
 * <p>Outcomes: 2xx done; 429, 5xx, 401 (the key) and a 403 without a problem body (Mailchimp's overload
 * answer) → an exception, retried by the outbox with backoff; other 4xx → {@link PermanentDeliveryException} with Mailchimp's
 * {@code title}, {@code detail} and {@code errors[]} (parked as a dead letter at once).
 */
public class MailchimpMemberAdapter implements EmailPlatformAdapter {

  public static final String PLATFORM = "mailchimp";

  private final MailchimpSettings settings;
  private final MailchimpClient client;
  private final EmailMemberRegistry registry;
  private final Clock clock;

  public MailchimpMemberAdapter(MailchimpSettings settings, MailchimpClient client, EmailMemberRegistry registry,
      Clock clock) {
    this.settings = settings;
    this.client = client;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void memberChanged(MemberMessage m) throws Exception {
    String list = settings.listId();
    // what the registry records after this instant was recorded while this delivery was under way (a webhook)
    Instant begun = clock.instant();
    Optional<EmailMember> row = registry.find(PLATFORM, list, m.customerId());
    String newHash = subscriberHash(m.email());
    String hash = row.map(EmailMember::memberKey).orElse(newHash);
    String knownStatus = row.map(EmailMember::status).orElse(null);
    Instant knownAt = row.map(EmailMember::statusAt).orElse(null);
    MemberStatusRule.Decision decision =
        MemberStatusRule.decide(m.consentStatus(), m.consentDecidedAt(), knownStatus, knownAt, row.isPresent());
    if (!decision.send()) {
      return;
    }
    if (decision.status() != null) {
      // look before changing the status: the member may have unsubscribed, re-subscribed or bounced in Mailchimp
      // since we last heard
      Response current = client.get(memberPath(list, hash));
      if (current.ok()) {
        JsonObject member = json(current.body());
        String status = member.getString("status", null);
        // Mailchimp's last_changed moves with any change of the member, not only its status. Unchanged since our
        // last sync: the status is still the one we know, from when we know. Changed there: the status may have
        // changed meanwhile (even back and forth), so it counts from last_changed (the safe side: an opt-in must
        // be newer than anything Mailchimp reports)
        Instant changed = lastChanged(member);
        boolean untouched = status != null && status.equals(knownStatus) && changed != null
            && changed.equals(row.map(EmailMember::changedAt).orElse(null));
        Instant at = untouched ? knownAt : changed;
        knownStatus = status;
        knownAt = at;
      } else if (current.status() == 404) {
        knownStatus = null; // no member (any more): it is created
        knownAt = null;
        hash = newHash;
      } else {
        throw failure(current, "GET member");
      }
      decision = MemberStatusRule.decide(m.consentStatus(), m.consentDecidedAt(), knownStatus, knownAt, true);
    }
    String body = body(m, decision).build().toString();
    Response response = client.put(memberPath(list, hash), body);
    if (response.status() == 404 && !hash.equals(newHash)) {
      // the member at the old address is gone (deleted in Mailchimp): the new address makes a new one
      response = client.put(memberPath(list, newHash), body);
    }
    if (!response.ok()) {
      throw failure(response, "PUT member");
    }
    JsonObject member = json(response.body());
    String email = member.getString("email_address", m.email());
    String status = member.getString("status", null);
    Instant statusAt;
    if (decision.status() != null && decision.status().equals(status)) {
      statusAt = m.consentDecidedAt(); // the CRM's decision set it
    } else if (status != null && status.equals(knownStatus)) {
      statusAt = knownAt;
    } else {
      statusAt = lastChanged(member); // changed in Mailchimp (or created without a status of ours)
    }
    registry.record(new EmailMember(PLATFORM, list, m.customerId(), email, subscriberHash(email), status, statusAt,
        lastChanged(member), begun));
  }

  /**
   * {@code POST /lists/{list}/members/{hash}/tags} with the tags and {@code is_syncing}, to the member the CRM
   * made (its recorded key). No member (never created: no consent decision; or deleted in Mailchimp, 404): nothing
   * to tag, done.
   */
  @Override
  public void memberTags(org.clientele.crm.camel.email.TagMessage m) throws Exception {
    String list = settings.listId();
    Optional<EmailMember> row = registry.find(PLATFORM, list, m.customerId());
    if (row.isEmpty()) {
      return;
    }
    jakarta.json.JsonArrayBuilder tags = Json.createArrayBuilder();
    m.tags().forEach((name, active) -> tags.add(Json.createObjectBuilder().add("name", name)
        .add("status", active ? "active" : "inactive")));
    String body = Json.createObjectBuilder().add("tags", tags).add("is_syncing", settings.tagsSyncing()).build()
        .toString();
    Response response = client.post(memberPath(list, row.get().memberKey()) + "/tags", body);
    if (response.status() == 404) {
      return;
    }
    if (!response.ok()) {
      throw failure(response, "POST tags");
    }
  }

  @Override
  public void memberErased(ErasedMember m) throws Exception {
    Response response = client.post(memberPath(m.audience(), m.memberKey()) + "/actions/delete-permanent", "");
    if (!response.ok()) {
      throw failure(response, "delete-permanent");
    }
  }

  /** The PUT body: email_address, status_if_new, status (if allowed), merge_fields, language. */
  JsonObjectBuilder body(MemberMessage m, MemberStatusRule.Decision decision) {
    JsonObjectBuilder body = Json.createObjectBuilder()
        .add("email_address", m.email())
        .add("status_if_new", decision.statusIfNew());
    if (decision.status() != null) {
      body.add("status", decision.status());
    }
    JsonObjectBuilder merge = Json.createObjectBuilder();
    for (MailchimpSettings.MergeField f : settings.mergeFields().values()) {
      String value = m.fields().get(f.field());
      if (value != null && f.dateFormat() != null) {
        try {
          value = LocalDate.parse(value).format(DateTimeFormatter.ofPattern(f.dateFormat(), Locale.ROOT));
        } catch (RuntimeException e) {
          value = null; // not a date: left empty rather than refused
        }
      }
      merge.add(f.tag(), value == null ? "" : value); // empty clears a value removed in the CRM
    }
    body.add("merge_fields", merge);
    if (m.language() != null && !m.language().isBlank()) {
      body.add("language", m.language().split("[-_]")[0].toLowerCase(Locale.ROOT));
    }
    return body;
  }

  /** MD5 hex of the lower-cased address: Mailchimp's subscriber hash. */
  public static String subscriberHash(String email) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  private static String memberPath(String list, String hash) {
    return "/lists/" + list + "/members/" + hash;
  }

  /**
   * 429, 5xx and a bare 403 are Mailchimp being busy: retried (no Retry-After is sent, the outbox's backoff
   * applies). 401 is this server's configuration (a wrong or revoked key), not the message's: retried too, so
   * that the messages wait for the key to be fixed instead of all being parked. Any other answer is the
   * request's fault: permanent, with Mailchimp's problem detail.
   */
  static Exception failure(Response response, String call) {
    int status = response.status();
    JsonObject problem = problem(response);
    if (status == 429 || status >= 500 || status == 401 || (status == 403 && problem == null)) {
      return new MailchimpUnavailableException(call + ": HTTP " + status + " from Mailchimp"
          + (problem == null ? "" : " (" + problem.getString("title", "") + ")"));
    }
    StringBuilder reason = new StringBuilder(call).append(": HTTP ").append(status).append(" from Mailchimp");
    if (problem != null) {
      reason.append(": ").append(problem.getString("title", ""));
      String detail = problem.getString("detail", "");
      if (!detail.isEmpty()) {
        reason.append(": ").append(detail);
      }
      if (problem.containsKey("errors") && problem.get("errors").getValueType() == JsonValue.ValueType.ARRAY) {
        JsonArray errors = problem.getJsonArray("errors");
        for (JsonValue e : errors) {
          if (e instanceof JsonObject o) {
            reason.append("; ").append(o.getString("field", "")).append(": ").append(o.getString("message", ""));
          }
        }
      }
    }
    return new PermanentDeliveryException(reason.toString());
  }

  private static JsonObject problem(Response response) {
    if (response.body() == null || response.body().isBlank()) {
      return null;
    }
    try {
      return json(response.body());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static JsonObject json(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static Instant lastChanged(JsonObject member) {
    String at = member.getString("last_changed", null);
    if (at == null || at.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(at).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
