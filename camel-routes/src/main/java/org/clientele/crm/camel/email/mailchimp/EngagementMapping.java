package org.clientele.crm.camel.email.mailchimp;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Direction;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.NewInteraction;

/**
 * Mailchimp's reports, read as activities that become interactions on the {@code EMAIL} channel: a recipient of
 * {@code sent-to} → {@code CAMPAIGN_SENT} (outbound, at the campaign's send time: Mailchimp gives no time per
 * recipient), an {@code email-activity} {@code open} / {@code click} / {@code bounce} → {@code CAMPAIGN_OPENED} /
 * {@code CAMPAIGN_CLICKED} / {@code CAMPAIGN_BOUNCED} (inbound, at the action's timestamp), an entry of
 * {@code unsubscribed} → {@code UNSUBSCRIBE} (inbound). Each activity has a deterministic key (campaign, member,
 * action, second, and for clicks the URL) as its source event id under {@code MAILCHIMP}: recording it again is a
 * no-op. No address, IP or merge field is kept in the interaction.
 */
public final class EngagementMapping {

  public static final String SOURCE_SYSTEM = "MAILCHIMP";
  /** Mailchimp's time format ({@code 2025-10-20T15:30:00+00:00}), also for {@code since}. */
  static final DateTimeFormatter MAILCHIMP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  /** A campaign of the reports list. */
  public record Campaign(String id, String title, String subject, String listId, Instant sendTime) {}

  /**
   * One activity of one member.
   *
   * @param memberKey the subscriber hash ({@code email_id})
   */
  public record Activity(String campaignId, String memberKey, String email, InteractionType type,
      Direction direction, Instant occurredAt, Map<String, String> attributes, String key) {

    public NewInteraction toInteraction(long customerId, Campaign campaign) {
      return new NewInteraction(customerId, Channel.EMAIL, type, direction, occurredAt, subject(campaign), null,
          attributes, null, SOURCE_SYSTEM, key, null, null, null);
    }

    private String subject(Campaign campaign) {
      String what = switch (type) {
        case CAMPAIGN_SENT -> "Campaign sent";
        case CAMPAIGN_OPENED -> "Campaign opened";
        case CAMPAIGN_CLICKED -> "Campaign link clicked";
        case CAMPAIGN_BOUNCED -> "Campaign bounced";
        case UNSUBSCRIBE -> "Unsubscribed from a campaign";
        default -> type.name();
      };
      String title = campaign == null ? null : campaign.subject() != null ? campaign.subject() : campaign.title();
      return clip(title == null || title.isBlank() ? what : what + ": " + title, 300);
    }
  }

  private EngagementMapping() {}

  /** A {@code reports[]} entry. */
  public static Campaign campaign(JsonObject report) {
    String id = report.getString("id", null);
    Instant sent = time(report.getString("send_time", null));
    if (id == null || id.isBlank() || sent == null) {
      return null; // not a sent campaign
    }
    return new Campaign(id, text(report, "campaign_title"), text(report, "subject_line"), text(report, "list_id"),
        sent);
  }

  /** The actions of one {@code emails[]} entry of {@code email-activity} (unknown actions are left out). */
  public static List<Activity> activities(Campaign campaign, JsonObject email) {
    List<Activity> result = new ArrayList<>();
    String memberKey = memberKey(email);
    if (memberKey == null || !email.containsKey("activity")
        || email.get("activity").getValueType() != JsonValue.ValueType.ARRAY) {
      return result;
    }
    for (JsonValue v : email.getJsonArray("activity")) {
      if (!(v instanceof JsonObject a)) {
        continue;
      }
      String action = a.getString("action", "");
      Instant at = time(a.getString("timestamp", null));
      InteractionType type = switch (action) {
        case "open" -> InteractionType.CAMPAIGN_OPENED;
        case "click" -> InteractionType.CAMPAIGN_CLICKED;
        case "bounce" -> InteractionType.CAMPAIGN_BOUNCED;
        default -> null;
      };
      if (type == null || at == null) {
        continue;
      }
      Map<String, String> attributes = base(campaign);
      String url = text(a, "url");
      if (type == InteractionType.CAMPAIGN_CLICKED && url != null) {
        attributes.put("url", clip(url, 500));
      }
      String bounceType = text(a, "type");
      if (type == InteractionType.CAMPAIGN_BOUNCED && bounceType != null) {
        attributes.put("bounceType", clip(bounceType, 50));
      }
      String key = key(campaign.id(), memberKey, action, at,
          type == InteractionType.CAMPAIGN_CLICKED ? url : null);
      result.add(new Activity(campaign.id(), memberKey, text(email, "email_address"), type, Direction.INBOUND, at,
          attributes, key));
    }
    return result;
  }

  /** One {@code sent_to[]} entry: the send, at the campaign's send time. */
  public static Activity sent(Campaign campaign, JsonObject recipient) {
    String memberKey = memberKey(recipient);
    if (memberKey == null) {
      return null;
    }
    Map<String, String> attributes = base(campaign);
    String status = text(recipient, "status");
    if (status != null) {
      attributes.put("deliveryStatus", clip(status, 50)); // sent, hard, soft
    }
    return new Activity(campaign.id(), memberKey, text(recipient, "email_address"), InteractionType.CAMPAIGN_SENT,
        Direction.OUTBOUND, campaign.sendTime(), attributes, key(campaign.id(), memberKey, "sent", null, null));
  }

  /** One {@code unsubscribes[]} entry. */
  public static Activity unsubscribed(Campaign campaign, JsonObject entry) {
    String memberKey = memberKey(entry);
    Instant at = time(entry.getString("timestamp", null));
    if (memberKey == null || at == null) {
      return null;
    }
    Map<String, String> attributes = base(campaign);
    String reason = text(entry, "reason");
    if (reason != null) {
      attributes.put("reason", clip(reason, 500));
    }
    return new Activity(campaign.id(), memberKey, text(entry, "email_address"), InteractionType.UNSUBSCRIBE,
        Direction.INBOUND, at, attributes, key(campaign.id(), memberKey, "unsub", at, null));
  }

  /**
   * The activity's idempotency key: {@code report:<campaign>:<member hash>:<action>[:<epoch second>][:<url hash>]};
   * the time to the second, whatever offset Mailchimp wrote it with; a click's URL as 16 hex digits of its SHA-256.
   */
  static String key(String campaignId, String memberKey, String action, Instant at, String url) {
    StringBuilder key = new StringBuilder("report:").append(clip(campaignId, 60)).append(':').append(memberKey)
        .append(':').append(action);
    if (at != null) {
      key.append(':').append(at.getEpochSecond());
    }
    if (url != null) {
      key.append(':').append(sha256(url).substring(0, 16));
    }
    return key.toString();
  }

  /** Mailchimp's ISO-8601 time with an offset; null when absent or unreadable. */
  public static Instant time(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** For {@code since} / {@code since_send_time}. */
  public static String format(Instant at) {
    return MAILCHIMP_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }

  private static Map<String, String> base(Campaign campaign) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("campaignId", clip(campaign.id(), 500));
    if (campaign.title() != null) {
      attributes.put("campaignTitle", clip(campaign.title(), 500));
    }
    if (campaign.listId() != null) {
      attributes.put("listId", clip(campaign.listId(), 500));
    }
    return attributes;
  }

  private static String memberKey(JsonObject entry) {
    String id = text(entry, "email_id");
    if (id != null && id.matches("[0-9a-fA-F]{32}")) {
      return id.toLowerCase(Locale.ROOT);
    }
    String email = text(entry, "email_address");
    return email == null ? null : MailchimpMemberAdapter.subscriberHash(email);
  }

  private static String text(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
      return null;
    }
    String s = o.getString(name);
    return s.isBlank() ? null : s;
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
