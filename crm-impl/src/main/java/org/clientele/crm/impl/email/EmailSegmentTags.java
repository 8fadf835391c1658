package org.clientele.crm.impl.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.api.segment.events.SegmentEntered;
import org.clientele.crm.api.segment.events.SegmentExited;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.integration.DefaultOutbox;
import org.clientele.crm.impl.integration.MessageJson;
import org.eclipse.microprofile.config.Config;

/**
 * Segments marked for sync ({@code crm.email.mailchimp.segment-tags=<segment key>[:<tag name>],...}) become tags of
 * the customer's member: on {@link SegmentEntered} / {@link SegmentExited} a {@code member.tags} message (target
 * {@code email}, ordering key = the customer id, after any member change before it) with the tag
 * {@code active} / {@code inactive}. Customers without an email are skipped (no member).
 *
 * <p>The events are announced after the segment change committed, so each message is written in a transaction of
 * its own: if the server stops between the two, that tag change is lost (at most once); it is made good by the
 * customer's next entry or exit. Documented in docs/integration/mailchimp.md.
 */
@ApplicationScoped
public class EmailSegmentTags {

  public static final String MEMBER_TAGS = "member.tags";
  private static final Logger LOG = Logger.getLogger(EmailSegmentTags.class.getName());

  @Inject Config config;
  @Inject Writer writer;

  private volatile Map<String, String> tags;

  void entered(@Observes SegmentEntered event) {
    tag(event.customerId(), event.segmentKey(), true, event.at());
  }

  void exited(@Observes SegmentExited event) {
    tag(event.customerId(), event.segmentKey(), false, event.at());
  }

  /** segment key → tag name. */
  static Map<String, String> parse(String spec) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (spec == null) {
      return tags;
    }
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String key = (colon < 0 ? entry : entry.substring(0, colon)).trim();
      String name = (colon < 0 ? key : entry.substring(colon + 1)).trim();
      if (key.isEmpty() || name.isEmpty() || name.length() > 100) {
        throw new IllegalArgumentException("crm.email.mailchimp.segment-tags: '" + entry.trim()
            + "' is not <segment key>[:<tag name of up to 100 characters>]");
      }
      tags.put(key, name);
    }
    return tags;
  }

  private Map<String, String> tags() {
    Map<String, String> t = tags;
    if (t == null) {
      boolean enabled = config.getOptionalValue("crm.email.mailchimp.enabled", Boolean.class).orElse(false);
      t = enabled ? parse(config.getOptionalValue("crm.email.mailchimp.segment-tags", String.class).orElse(""))
          : Map.of();
      tags = t;
    }
    return t;
  }

  private void tag(long customerId, String segmentKey, boolean active, Instant at) {
    String name = tags().get(segmentKey);
    if (name == null) {
      return;
    }
    writer.write(customerId, name, active, at);
  }

  /** Writes one tag message in a transaction of its own (the segment change has committed already). */
  @ApplicationScoped
  public static class Writer {

    @Inject DefaultOutbox outbox;
    @Inject CustomerResolver customers;

    @Transactional(TxType.REQUIRES_NEW)
    public void write(long customerId, String name, boolean active, Instant at) {
      CustomerProfile profile;
      try {
        profile = customers.profile(customerId);
      } catch (ResourceNotFoundException e) {
        return; // erased meanwhile
      }
      if (profile.email() == null || profile.email().isBlank()) {
        return; // nobody to tag
      }
      outbox.enqueue(new NewOutboxMessage(EmailMemberOutbox.TARGET, MEMBER_TAGS, String.valueOf(customerId),
          MessageJson.write(message(customerId, name, active, at)), null));
      LOG.fine(() -> "Queued tag " + (active ? "active" : "inactive") + " for customer " + customerId);
    }
  }

  /** No email: the adapter addresses the member the CRM made (crm_email_member). */
  static Map<String, Object> message(long customerId, String name, boolean active, Instant at) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageId", UUID.randomUUID().toString());
    body.put("messageType", MEMBER_TAGS);
    body.put("customerId", customerId);
    body.put("occurredAt", String.valueOf(at));
    body.put("tags", List.of(Map.of("name", name, "status", active ? "active" : "inactive")));
    return body;
  }
}
