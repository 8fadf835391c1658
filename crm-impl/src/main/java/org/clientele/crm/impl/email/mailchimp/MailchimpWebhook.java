package org.clientele.crm.impl.email.mailchimp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Mailchimp webhook delivery, from its form fields: {@code type}, {@code fired_at} ({@code YYYY-MM-DD
 * HH:MM:SS}, UTC) and the {@code data[...]} fields. Error messages never quote values (they may be addresses).
 */
public record MailchimpWebhook(String type, Instant firedAt, String listId, Map<String, String> form) {

  public static final Set<String> TYPES = Set.of("subscribe", "unsubscribe", "profile", "upemail", "cleaned",
      "campaign");

  private static final DateTimeFormatter FIRED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
      .withResolverStyle(java.time.format.ResolverStyle.STRICT);

  public MailchimpWebhook {
    form = Map.copyOf(form);
  }

  /**
   * @throws IllegalArgumentException when a required field is missing or has a value Mailchimp never sends
   */
  public static MailchimpWebhook parse(Map<String, String> form) {
    String type = form.get("type");
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("type is required");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("type is not one of " + new java.util.TreeSet<>(TYPES));
    }
    Instant firedAt = firedAt(form.get("fired_at"));
    String list = form.get("data[list_id]");
    if (list == null || list.isBlank()) {
      throw new IllegalArgumentException("data[list_id] is required");
    }
    MailchimpWebhook hook = new MailchimpWebhook(type, firedAt, list, form);
    switch (type) {
      case "upemail" -> {
        require(form, "data[old_email]");
        require(form, "data[new_email]");
      }
      case "campaign" -> require(form, "data[id]");
      default -> require(form, "data[email]");
    }
    return hook;
  }

  /** {@code YYYY-MM-DD HH:MM:SS} in UTC (Mailchimp's format). */
  public static Instant firedAt(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("fired_at is required");
    }
    try {
      return LocalDateTime.parse(value.trim(), FIRED_AT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("fired_at is not YYYY-MM-DD HH:MM:SS");
    }
  }

  private static void require(Map<String, String> form, String name) {
    String value = form.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required for this type");
    }
  }

  public String data(String name) {
    String value = form.get("data[" + name + "]");
    return value == null || value.isBlank() ? null : value.trim();
  }

  public String merge(String tag) {
    return form.get("data[merges][" + tag + "]");
  }

  /** The address that identifies the member: the old one for an email change. */
  public String memberEmail() {
    return "upemail".equals(type) ? data("old_email") : data("email");
  }

  /**
   * The delivery's idempotency key: a hash of type, list, fired_at, the member (id and address) and, for a
   * change, the new values. A redelivery has the same; no personal data is kept in the ledger.
   */
  public String key() {
    StringBuilder k = new StringBuilder(type).append('|').append(listId).append('|').append(firedAt)
        .append('|').append(String.valueOf(data("id")).toLowerCase(Locale.ROOT))
        .append('|').append(String.valueOf(memberEmail()).toLowerCase(Locale.ROOT));
    if ("upemail".equals(type)) {
      k.append('|').append(String.valueOf(data("new_email")).toLowerCase(Locale.ROOT));
    }
    if ("profile".equals(type)) {
      new java.util.TreeMap<>(form).forEach((name, value) -> {
        if (name.startsWith("data[merges]")) {
          k.append('|').append(name).append('=').append(value);
        }
      });
    }
    try {
      return "mailchimp:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(k.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Secrets compared in constant time (over their SHA-256, so that not even the length leaks). */
  public static boolean secretMatches(String expected, String given) {
    if (expected == null || expected.isEmpty() || given == null) {
      return false;
    }
    try {
      MessageDigest a = MessageDigest.getInstance("SHA-256");
      MessageDigest b = MessageDigest.getInstance("SHA-256");
      return MessageDigest.isEqual(a.digest(expected.getBytes(StandardCharsets.UTF_8)),
          b.digest(given.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
