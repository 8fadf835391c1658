package org.clientele.crm.impl.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.api.integration.RetryPolicy;
import org.clientele.crm.api.store.StoreDeliveryStatus;
import org.clientele.crm.impl.integration.ThreadCorrelationContext;
import org.clientele.crm.impl.persistence.Jdbc;

/** The delivery table's units of work, each in a transaction of its own. */
@ApplicationScoped
public class DeliveryTransactions {

  /** The dead letters' system and route names for store deliveries. */
  public static final String SYSTEM = "store";
  public static final String ROUTE = "store-deliveries";
  static final String KEY_PREFIX = "delivery:";

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject StoreAdapters adapters;

  @Inject StoreData data;

  @Inject DeadLetterService deadLetters;

  @Inject ThreadCorrelationContext correlation;

  @Transactional(TxType.REQUIRES_NEW)
  public long insert(DeliveryEnvelope envelope, String payload, StoreDeliveryStatus status, String reason,
      String correlationId) {
    return jdbc(c -> DeliveryStore.insert(c, envelope, payload, status, reason, correlationId, Instant.now()));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Long> findByEvent(String store, String shop, String eventId) {
    return jdbc(c -> DeliveryStore.findByEvent(c, store, shop, eventId));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public List<Long> claim(String worker, int limit, Duration lease) {
    Instant now = Instant.now();
    return jdbc(c -> DeliveryStore.claim(c, worker, limit, now, now.plus(lease)));
  }

  /**
   * Applies a claimed delivery and records its status in one transaction. A thrown exception rolls both back;
   * the caller then records the failure with {@link #failed}.
   *
   * @return the result, or empty if the worker no longer holds the claim
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Applied> apply(long id, String worker) {
    Optional<StoredDelivery> found = jdbc(c -> DeliveryStore.loadClaimed(c, id, worker));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredDelivery d = found.get();
    ApplyResult result = correlation.call(d.correlationId(), () -> applyNow(d, d.payload()));
    jdbc(c -> {
      DeliveryStore.settle(c, id, result.status(), result.reason(), Instant.now());
      return null;
    });
    return Optional.of(new Applied(d, result));
  }

  /** A delivery with its topic and result, for logs and metrics. */
  public record Applied(StoredDelivery delivery, ApplyResult result) {}

  private ApplyResult applyNow(StoredDelivery d, String payload) {
    StoreAdapter adapter = adapters.find(d.store())
        .orElseThrow(() -> new IllegalStateException("No adapter for store kind " + d.store()));
    if (!adapter.supports(d.topic())) {
      return ApplyResult.skipped("unsupported topic");
    }
    if (data.shopRedacted(d.store(), d.shop()) && !adapter.isShopRedaction(d.topic())) {
      // kept as a record of the delivery, without its personal data
      jdbc(c -> DeliveryStore.blankPayloads(c, d.store(), d.shop()));
      return ApplyResult.skipped("shop redacted");
    }
    if (payload == null) {
      return ApplyResult.skipped("payload erased");
    }
    return adapter.apply(d, parse(payload));
  }

  static JsonObject parse(String payload) {
    try (JsonReader reader = Json.createReader(new StringReader(payload))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new IllegalArgumentException("the payload is not a JSON object");
    }
  }

  /**
   * Records a failed attempt: retried after the policy's delay, or FAILED and parked as a dead letter (payload
   * kept) once the attempts are used up or the failure is permanent.
   *
   * @return the delivery and whether it was parked; empty if it no longer exists
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Failure> failed(long id, String reason, boolean permanent, RetryPolicy policy) {
    Optional<StoredDelivery> found = jdbc(c -> DeliveryStore.load(c, id));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredDelivery d = found.get();
    int attempts = d.attempts() + 1;
    if (permanent || attempts >= policy.maxAttempts()) {
      jdbc(c -> {
        DeliveryStore.settle(c, id, StoreDeliveryStatus.FAILED, reason, Instant.now());
        return null;
      });
      deadLetters.park(new NewDeadLetter(MessageDirection.INBOUND, SYSTEM, ROUTE, d.store() + ":" + d.topic(),
          KEY_PREFIX + d.id(), d.store() + ":" + d.shop(), d.payload() == null ? "" : d.payload(),
          Map.of("store", d.store(), "shop", d.shop(), "topic", d.topic(), "eventId", d.eventId()),
          reason == null ? "processing failed" : org.clientele.crm.impl.persistence.Jdbc.truncated(reason), "store-delivery", attempts,
          d.correlationId()));
      return Optional.of(new Failure(d, true));
    }
    jdbc(c -> {
      DeliveryStore.retry(c, id, attempts, reason, Instant.now().plus(policy.delayAfter(attempts)));
      return null;
    });
    return Optional.of(new Failure(d, false));
  }

  /** A failed attempt's delivery and whether it was parked. */
  public record Failure(StoredDelivery delivery, boolean parked) {}

  /**
   * Applies a parked delivery again (dead-letter replay) with the letter's payload, and marks the delivery
   * PROCESSED or SKIPPED; a failure is thrown back and changes nothing.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public ApplyResult replay(long id, String payload) {
    StoredDelivery d = jdbc(c -> DeliveryStore.load(c, id))
        .orElseThrow(() -> new IllegalStateException("Store delivery " + id + " no longer exists"));
    ApplyResult result = correlation.call(d.correlationId(), () -> applyNow(d, payload));
    jdbc(c -> {
      DeliveryStore.settle(c, id, result.status(), result.reason(), Instant.now());
      return null;
    });
    return result;
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Store delivery storage", work);
  }
}
