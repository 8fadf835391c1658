package org.clientele.crm.impl.integration;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.events.ConsentChanged;
import org.clientele.crm.api.customer.events.CustomerErased;
import org.clientele.crm.api.customer.events.CustomerRegistered;
import org.clientele.crm.api.customer.events.CustomerUnmerged;
import org.clientele.crm.api.customer.events.CustomerUpdated;
import org.clientele.crm.api.customer.events.CustomersMerged;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes customer changes for the host ERP into the outbox, in the transaction of the change
 * ({@code crm.outbox.erp.customer-changes.enabled}): {@code customer.changed} with the profile as it is at
 * commit, {@code customer.merged}, {@code customer.unmerged} and {@code customer.erased} (the CRM id only, no
 * personal data). Ordered per customer (the ordering key is the customer id). Several changes of one customer
 * in one transaction (a registration with consents, say) become one {@code customer.changed} message carrying
 * the last snapshot. Formats: docs/integration/reliability.md.
 */
@ApplicationScoped
public class CustomerChangeOutbox {

  static final String TARGET = "erp";

  @Inject
  @ConfigProperty(name = "crm.outbox.erp.customer-changes.enabled", defaultValue = "false")
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
    changed(event.customerId(), event.decidedAt());
  }

  void merged(@Observes CustomersMerged event) {
    if (enabled) {
      Map<String, Object> body = header("customer.merged", event.survivorId(), event.occurredAt());
      body.put("survivorId", event.survivorId());
      body.put("mergedIds", event.mergedIds());
      body.put("mergeId", event.mergeId());
      write("customer.merged", event.survivorId(), body);
    }
  }

  void unmerged(@Observes CustomerUnmerged event) {
    if (enabled) {
      Map<String, Object> body = header("customer.unmerged", event.survivorId(), event.occurredAt());
      body.put("survivorId", event.survivorId());
      body.put("restoredIds", event.restoredIds());
      body.put("mergeId", event.mergeId());
      write("customer.unmerged", event.survivorId(), body);
    }
  }

  void erased(@Observes CustomerErased event) {
    if (enabled) {
      // the waiting snapshots of the erased profiles went with the erasure (OutboxParticipant)
      // the CRM id only: the ERP knows it from earlier messages, and an identity would be a trace of the person
      write("customer.erased", event.customerId(), header("customer.erased", event.customerId(), event.occurredAt()));
    }
  }

  private void changed(long customerId, Instant at) {
    if (!enabled) {
      return;
    }
    CustomerProfile profile;
    try {
      profile = customers.profile(customerId);
    } catch (ResourceNotFoundException e) {
      return; // erased meanwhile in this transaction: customer.erased says all there is
    }
    if (profile.id() != customerId) {
      return; // merged away: customer.merged says so
    }
    Map<String, Object> body = header("customer.changed", customerId, at);
    body.put("erpCustomerId", profile.identities().stream().filter(i -> "ERP".equalsIgnoreCase(i.system()))
        .map(ExternalIdentity::externalId).findFirst().orElse(null));
    body.put("customer", profile);
    String payload = MessageJson.write(body);
    Map<Long, Long> written = writtenInThisTransaction();
    Long earlier = written.get(customerId);
    if (earlier != null) {
      outbox.replacePayload(earlier, payload);
    } else {
      written.put(customerId, outbox.enqueue(new NewOutboxMessage(TARGET, "customer.changed",
          String.valueOf(customerId), payload, null)));
    }
  }

  private void write(String type, long customerId, Map<String, Object> body) {
    outbox.enqueue(new NewOutboxMessage(TARGET, type, String.valueOf(customerId), MessageJson.write(body), null));
    // a later change in the same transaction is a new message after this one
    writtenInThisTransaction().remove(customerId);
  }

  private static Map<String, Object> header(String type, long customerId, Instant at) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageId", UUID.randomUUID().toString());
    body.put("messageType", type);
    body.put("customerId", customerId);
    body.put("occurredAt", String.valueOf(at));
    return body;
  }

  @SuppressWarnings("unchecked")
  private Map<Long, Long> writtenInThisTransaction() {
    Object key = CustomerChangeOutbox.class;
    Map<Long, Long> written = (Map<Long, Long>) registry.getResource(key);
    if (written == null) {
      written = new HashMap<>();
      registry.putResource(key, written);
    }
    return written;
  }
}
