package org.clientele.crm.camel.email.mailchimp;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reports part of {@link MailchimpPeer} (Marketing API v3 as documented): {@code GET /3.0/reports}
 * ({@code since_send_time}, {@code count}/{@code offset}; {@code reports[]} with {@code id}, {@code campaign_title},
 * {@code subject_line}, {@code list_id}, {@code send_time}, {@code emails_sent}; {@code total_items}),
 * {@code GET /3.0/reports/{id}/email-activity} ({@code since}: only actions after it, members without any left out;
 * {@code emails[]} with {@code campaign_id}, {@code list_id}, {@code email_id}, {@code email_address},
 * {@code activity[]} of {@code action} open/click/bounce, {@code timestamp}, {@code url} for clicks, {@code type}
 * hard/soft for bounces, {@code ip}), {@code /sent-to} ({@code sent_to[]} with {@code email_id},
 * {@code email_address}, {@code status} sent/hard/soft, {@code open_count}, {@code click_count}), and
 * {@code /unsubscribed} ({@code unsubscribes[]} with {@code email_id}, {@code email_address}, {@code timestamp},
 * {@code reason}); {@code count} defaults to 10 and is at most 1000; an unknown campaign → 404. Test controls add
 * campaigns, recipients, actions and unsubscribes, and make the next report requests answer 429.
 */
public final class MailchimpReportsPeer {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  private static final Pattern REPORT = Pattern.compile("/3\\.0/reports(?:/([^/]+)(?:/(email-activity|sent-to|unsubscribed))?)?/?");

  /** One action of a member on a campaign. */
  public record Action(String email, String action, Instant at, String url, String bounceType) {}

  private record Campaign(String id, String listId, String title, String subject, Instant sendTime,
      Map<String, String> recipients, List<Action> actions, List<Action> unsubscribes) {}

  private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  // ---- test controls

  /** A campaign sent to the list at the given time. */
  public synchronized void addCampaign(String id, String listId, String title, String subject, Instant sendTime) {
    campaigns.put(id, new Campaign(id, listId, title, subject, sendTime.truncatedTo(ChronoUnit.SECONDS),
        new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>()));
  }

  /** The campaign went to the address, with the delivery status {@code sent}, {@code hard} or {@code soft}. */
  public synchronized void addRecipient(String campaignId, String email, String status) {
    campaign(campaignId).recipients().put(email, status);
  }

  public void open(String campaignId, String email, Instant at) {
    addAction(campaignId, new Action(email, "open", at, null, null));
  }

  public void click(String campaignId, String email, Instant at, String url) {
    addAction(campaignId, new Action(email, "click", at, url, null));
  }

  public void bounce(String campaignId, String email, Instant at, String type) {
    addAction(campaignId, new Action(email, "bounce", at, null, type));
  }

  public synchronized void addAction(String campaignId, Action action) {
    campaign(campaignId).actions().add(new Action(action.email(), action.action(),
        action.at().truncatedTo(ChronoUnit.SECONDS), action.url(), action.bounceType()));
  }

  public synchronized void unsubscribe(String campaignId, String email, Instant at, String reason) {
    campaign(campaignId).unsubscribes().add(new Action(email, "unsub", at.truncatedTo(ChronoUnit.SECONDS), reason,
        null));
  }

  /** The next n report requests are answered 429 (members requests are not affected). */
  public void failNext(int n) {
    failNext.set(n);
  }

  /** Report requests answered so far (429s included). */
  public int requests() {
    return requests.get();
  }

  private Campaign campaign(String id) {
    Campaign c = campaigns.get(id);
    if (c == null) {
      throw new IllegalArgumentException("no campaign " + id);
    }
    return c;
  }

  // ---- the API

  static boolean handles(String path) {
    return path.startsWith("/3.0/reports");
  }

  /** Answers a report request: status and body (problem details for errors). */
  synchronized Answer answer(HttpExchange exchange) {
    requests.incrementAndGet();
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Answer.problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.");
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      return Answer.problem(405, "Method Not Allowed", "The requested method and resource are not compatible.");
    }
    Matcher m = REPORT.matcher(exchange.getRequestURI().getPath());
    if (!m.matches()) {
      return Answer.problem(404, "Resource Not Found", "The requested resource could not be found.");
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    int count;
    int offset;
    try {
      count = Integer.parseInt(query.getOrDefault("count", "10"));
      offset = Integer.parseInt(query.getOrDefault("offset", "0"));
    } catch (NumberFormatException e) {
      return Answer.problem(400, "Invalid Resource", "count and offset must be numbers");
    }
    if (count < 1 || count > 1000 || offset < 0) {
      return Answer.problem(400, "Invalid Resource", "count must be 1 to 1000, offset at least 0");
    }
    if (m.group(1) == null) {
      Instant since;
      try {
        since = time(query.get("since_send_time"));
      } catch (DateTimeParseException e) {
        return Answer.problem(400, "Invalid Resource", "since_send_time is not an ISO 8601 time");
      }
      List<Campaign> matching = campaigns.values().stream()
          .filter(c -> since == null || !c.sendTime().isBefore(since))
          .sorted(Comparator.comparing(Campaign::sendTime)).toList();
      JsonArrayBuilder reports = Json.createArrayBuilder();
      matching.stream().skip(offset).limit(count).forEach(c -> reports.add(Json.createObjectBuilder()
          .add("id", c.id()).add("campaign_title", c.title()).add("type", "regular").add("list_id", c.listId())
          .add("subject_line", c.subject()).add("emails_sent", c.recipients().size())
          .add("send_time", TIME.format(c.sendTime().atOffset(ZoneOffset.UTC)))));
      return Answer.ok(Json.createObjectBuilder().add("reports", reports).add("total_items", matching.size()));
    }
    Campaign c = campaigns.get(m.group(1));
    if (c == null || m.group(2) == null) {
      return c == null ? Answer.problem(404, "Resource Not Found", "The requested resource could not be found.")
          : Answer.ok(Json.createObjectBuilder().add("id", c.id()).add("list_id", c.listId()));
    }
    return switch (m.group(2)) {
      case "email-activity" -> {
        Instant since;
        try {
          since = time(query.get("since"));
        } catch (DateTimeParseException e) {
          yield Answer.problem(400, "Invalid Resource", "since is not an ISO 8601 time");
        }
        Map<String, List<Action>> byMember = new LinkedHashMap<>();
        for (Action a : c.actions()) {
          if (since == null || a.at().isAfter(since)) {
            byMember.computeIfAbsent(a.email(), k -> new ArrayList<>()).add(a);
          }
        }
        JsonArrayBuilder emails = Json.createArrayBuilder();
        byMember.entrySet().stream().skip(offset).limit(count).forEach(e -> {
          JsonArrayBuilder activity = Json.createArrayBuilder();
          for (Action a : e.getValue()) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("action", a.action())
                .add("timestamp", TIME.format(a.at().atOffset(ZoneOffset.UTC))).add("ip", "192.0.2.10");
            if (a.url() != null) {
              b.add("url", a.url());
            }
            if (a.bounceType() != null) {
              b.add("type", a.bounceType());
            }
            activity.add(b);
          }
          emails.add(member(c, e.getKey()).add("activity", activity));
        });
        yield Answer.ok(Json.createObjectBuilder().add("emails", emails).add("campaign_id", c.id())
            .add("total_items", byMember.size()));
      }
      case "sent-to" -> {
        JsonArrayBuilder sent = Json.createArrayBuilder();
        c.recipients().entrySet().stream().skip(offset).limit(count).forEach(e -> sent.add(member(c, e.getKey())
            .add("status", e.getValue())
            .add("open_count", c.actions().stream().filter(a -> a.email().equals(e.getKey())
                && a.action().equals("open")).count())
            .add("click_count", c.actions().stream().filter(a -> a.email().equals(e.getKey())
                && a.action().equals("click")).count())));
        yield Answer.ok(Json.createObjectBuilder().add("sent_to", sent).add("campaign_id", c.id())
            .add("total_items", c.recipients().size()));
      }
      default -> {
        JsonArrayBuilder unsubscribes = Json.createArrayBuilder();
        c.unsubscribes().stream().skip(offset).limit(count).forEach(u -> {
          JsonObjectBuilder b = member(c, u.email()).add("timestamp", TIME.format(u.at().atOffset(ZoneOffset.UTC)));
          if (u.url() != null) {
            b.add("reason", u.url());
          }
          unsubscribes.add(b);
        });
        yield Answer.ok(Json.createObjectBuilder().add("unsubscribes", unsubscribes).add("campaign_id", c.id())
            .add("total_items", c.unsubscribes().size()));
      }
    };
  }

  private static JsonObjectBuilder member(Campaign c, String email) {
    return Json.createObjectBuilder().add("campaign_id", c.id()).add("list_id", c.listId())
        .add("list_is_active", true).add("email_id", MailchimpPeer.hash(email)).add("email_address", email);
  }

  private static Instant time(String value) {
    return value == null || value.isBlank() ? null : OffsetDateTime.parse(value).toInstant();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  /** A status with a JSON body. */
  record Answer(int status, String body, String contentType) {
    static Answer ok(JsonObjectBuilder body) {
      return new Answer(200, body.build().toString(), "application/json");
    }

    static Answer problem(int status, String title, String detail) {
      return new Answer(status, Json.createObjectBuilder()
          .add("type", "https://mailchimp.com/developer/marketing/docs/errors/").add("title", title)
          .add("status", status).add("detail", detail).add("instance", java.util.UUID.randomUUID().toString())
          .build().toString(), "application/problem+json");
    }
  }
}
