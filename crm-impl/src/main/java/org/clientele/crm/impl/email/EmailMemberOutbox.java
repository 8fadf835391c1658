package org.clientele.crm.impl.email;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.events.ConsentChanged;
import org.clientele.crm.api.customer.events.CustomerRegistered;
import org.clientele.crm.api.customer.events.CustomerUnmerged;
import org.clientele.crm.api.customer.events.CustomerUpdated;
import org.clientele.crm.api.customer.events.CustomersMerged;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.integration.DefaultOutbox;
import org.clientele.crm.impl.integration.MessageJson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes what each customer's email-marketing member should look like into the outbox (target {@code email},
 * ordering key = the customer id), in the transaction of the change: {@code member.changed} with the email, the
 * email-marketing consent in force (status and decidedAt), the language and the profile's fields by neutral
 * names ({@code givenName}, {@code address.city}, {@code attributes.<name>}, ...); the platform adapter maps
 * them to its own merge fields and decides the status it may send. Only customers with an email. Several
 * changes of one customer in one transaction become one message with the last state. Erasure: see
 * {@link EmailMemberParticipant}. On with {@code crm.email.mailchimp.enabled} (the one platform so far; another
 * would add its own switch here).
 */
@ApplicationScoped
public class EmailMemberOutbox {

  public static final String TARGET = "email";
  public static final String MEMBER_CHANGED = "member.changed";
  /** The same type as the ERP's erasure message: the outbox's erasure keeps messages of this type. */
  public static final String MEMBER_ERASED = "customer.erased";

  @Inject
  @ConfigProperty(name = "crm.email.mailchimp.enabled", defaultValue = "false")
  boolean enabled;

  @Inject DefaultOutbox outbox;

  @Inject CustomerResolver customers;

  @Resource TransactionSynchronizationRegistry registry;

  void registered(@Observes CustomerRegistered event) {
    changed(event.customerId(), event.occurredAt());
  }

  void updated(@Observes CustomerUpdated event) {
    changed(event.customerId(), event.occurredAt());
  }

  void consent(@Observes ConsentChanged event) {
    if (event.channel() == ConsentChannel.EMAIL && event.purpose() == ConsentPurpose.MARKETING) {
      changed(event.customerId(), event.decidedAt());
    }
  }

  void merged(@Observes CustomersMerged event) {
    changed(event.survivorId(), event.occurredAt());
  }

  void unmerged(@Observes CustomerUnmerged event) {
    changed(event.survivorId(), event.occurredAt());
    event.restoredIds().forEach(id -> changed(id, event.occurredAt()));
  }

  private void changed(long customerId, Instant at) {
    if (!enabled) {
      return;
    }
    CustomerProfile profile;
    try {
      profile = customers.profile(customerId);
    } catch (ResourceNotFoundException e) {
      return; // erased in this transaction: the erasure message says all there is
    }
    if (profile.id() != customerId || profile.email() == null || profile.email().isBlank()) {
      return; // merged away (the survivor's message follows), or nobody to mail
    }
    String payload = MessageJson.write(memberChanged(profile, at));
    Map<Long, Long> written = writtenInThisTransaction();
    Long earlier = written.get(customerId);
    if (earlier != null) {
      outbox.replacePayload(earlier, payload);
    } else {
      written.put(customerId, outbox.enqueue(new NewOutboxMessage(TARGET, MEMBER_CHANGED,
          String.valueOf(customerId), payload, null)));
    }
  }

  /** The message body: what the member should look like. */
  static Map<String, Object> memberChanged(CustomerProfile profile, Instant at) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageId", UUID.randomUUID().toString());
    body.put("messageType", MEMBER_CHANGED);
    body.put("customerId", profile.id());
    body.put("occurredAt", String.valueOf(at));
    body.put("email", profile.email());
    body.put("language", profile.language());
    body.put("consent", marketingConsent(profile.consents()));
    body.put("fields", fields(profile));
    return body;
  }

  /** The email-marketing consent in force: status and decidedAt, or null when there is no decision. */
  static Map<String, Object> marketingConsent(List<ConsentDecision> consents) {
    return consents.stream()
        .filter(c -> c.channel() == ConsentChannel.EMAIL && c.purpose() == ConsentPurpose.MARKETING)
        .findFirst()
        .map(c -> {
          Map<String, Object> consent = new LinkedHashMap<>();
          consent.put("status", c.status().name());
          consent.put("decidedAt", c.decidedAt().toString());
          return consent;
        })
        .orElse(null);
  }

  /** The profile's fields a platform may map to its own, by neutral name; absent values left out. */
  static Map<String, Object> fields(CustomerProfile p) {
    Map<String, Object> fields = new LinkedHashMap<>();
    put(fields, "givenName", p.givenName());
    put(fields, "familyName", p.familyName());
    put(fields, "email", p.email());
    put(fields, "phone", p.phone());
    put(fields, "birthDate", p.birthDate());
    put(fields, "language", p.language());
    put(fields, "lifecycleStage", p.lifecycleStage());
    Address a = p.address();
    if (a != null) {
      put(fields, "address.line1", a.line1());
      put(fields, "address.line2", a.line2());
      put(fields, "address.postalCode", a.postalCode());
      put(fields, "address.city", a.city());
      put(fields, "address.region", a.region());
      put(fields, "address.country", a.country());
    }
    if (p.attributes() != null) {
      p.attributes().forEach((k, v) -> put(fields, "attributes." + k, v));
    }
    return fields;
  }

  private static void put(Map<String, Object> fields, String name, Object value) {
    if (value != null) {
      fields.put(name, value.toString());
    }
  }

  @SuppressWarnings("unchecked")
  private Map<Long, Long> writtenInThisTransaction() {
    Object key = EmailMemberOutbox.class;
    Map<Long, Long> written = (Map<Long, Long>) registry.getResource(key);
    if (written == null) {
      written = new HashMap<>();
      registry.putResource(key, written);
    }
    return written;
  }
}
