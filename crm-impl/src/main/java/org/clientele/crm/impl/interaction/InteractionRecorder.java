package org.clientele.crm.impl.interaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clientele.crm.api.interaction.Interaction;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.api.interaction.Recorded;
import org.clientele.crm.api.interaction.events.InteractionRecorded;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.persistence.JsonBinding;

/**
 * One recording attempt in its own transaction: events already stored are returned as they are, the
 * others are inserted, and the unique key on (source system, source event id) stops a concurrent twin.
 */
@ApplicationScoped
public class InteractionRecorder {


  /** {@code Map<String, String>}, for reading the attributes back. */
  private static final java.lang.reflect.Type ATTRIBUTES =
      new java.util.TreeMap<String, String>() {
        private static final long serialVersionUID = 1L;
      }.getClass().getGenericSuperclass();

  @Inject JpaInteractionRepository interactions;

  @Inject CustomerResolver customers;

  @Inject org.clientele.crm.impl.conversation.ConversationThreading threading;

  @Inject Event<InteractionRecorded> recorded;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Recorded> attempt(List<NewInteraction> batch) {
    Map<String, InteractionRecord> known = new HashMap<>();
    batch.stream().collect(Collectors.groupingBy(NewInteraction::sourceSystem,
            Collectors.mapping(NewInteraction::sourceEventId, Collectors.toSet())))
        .forEach((system, ids) -> interactions.findBySource(system, ids)
            .forEach(r -> known.put(key(r.sourceSystem(), r.sourceEventId()), r)));

    // the customers of the new touchpoints in one query: resolving each below then reads nothing
    customers.preload(batch.stream().filter(n -> !known.containsKey(key(n.sourceSystem(), n.sourceEventId())))
        .map(NewInteraction::customerId).collect(Collectors.toSet()));

    // customers whose conversations may be looked up are locked now, in id order: never in two orders at once
    java.util.SortedSet<Long> toLock = new java.util.TreeSet<>();
    for (NewInteraction n : batch) {
      if (!known.containsKey(key(n.sourceSystem(), n.sourceEventId())) && threading.mayLockCustomer(n)) {
        toLock.add(customers.resolve(n.customerId()));
      }
    }
    toLock.forEach(customers::resolveAndLock);

    Instant now = Instant.now();
    Map<String, Boolean> createdByKey = new LinkedHashMap<>();
    List<InteractionRecord> records = new ArrayList<>();
    List<InteractionRecord> created = new ArrayList<>();
    // the new touchpoints' attributes as given: the answer need not parse back the JSON just written
    Map<InteractionRecord, Map<String, String>> givenAttributes = new java.util.IdentityHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      NewInteraction n = batch.get(i);
      String key = key(n.sourceSystem(), n.sourceEventId());
      InteractionRecord record = known.get(key);
      if (record == null) {
        long customerId = customers.resolve(n.customerId());
        Long conversationId = threading.place(customerId, n, batch.size() == 1 ? "" : "interactions[" + i + "].");
        Map<String, String> attributes = new java.util.TreeMap<>(n.attributes());
        record = new InteractionRecord(customerId, n,
            attributes.isEmpty() ? null : JsonBinding.get().toJson(attributes), conversationId, now);
        created.add(record);
        givenAttributes.put(record, attributes);
        known.put(key, record);
        createdByKey.put(key, true);
      } else {
        createdByKey.putIfAbsent(key, false);
      }
      records.add(record);
    }
    interactions.insertAll(created);

    List<Recorded> results = new ArrayList<>();
    java.util.Set<String> announced = new java.util.HashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      InteractionRecord record = records.get(i);
      String key = key(record.sourceSystem(), record.sourceEventId());
      boolean isNew = createdByKey.get(key) && announced.add(key);
      Map<String, String> attributes = givenAttributes.get(record);
      Interaction interaction = attributes == null ? toInteraction(record) : record.toInteraction(attributes);
      if (isNew) {
        recorded.fire(new InteractionRecorded(interaction.id(), interaction.customerId(), interaction.channel(),
            interaction.type(), interaction.occurredAt(), interaction.conversationId()));
      }
      results.add(new Recorded(interaction, isNew));
    }
    return results;
  }

  static Interaction toInteraction(InteractionRecord record) {
    Map<String, String> attributes = record.attributesJson() == null ? Map.of()
        : JsonBinding.get().fromJson(record.attributesJson(), ATTRIBUTES);
    return record.toInteraction(attributes);
  }

  private static String key(String system, String eventId) {
    return system + "\u0000" + eventId;
  }
}
