package org.clientele.crm.impl.integration;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.clientele.crm.impl.persistence.Jdbc;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.api.integration.Outbox;
import org.clientele.crm.api.integration.OutboxMessage;
import org.clientele.crm.api.integration.OutboxStatus;
import org.clientele.crm.api.integration.RetryPolicy;
import org.clientele.crm.impl.validation.InputValidator;

/** The outbox in crm_outbox: written in the caller's transaction, claimed and settled in short ones. */
@ApplicationScoped
public class DefaultOutbox implements Outbox {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject InputValidator inputs;

  @Inject ThreadCorrelationContext correlation;

  @Override
  @Transactional(TxType.REQUIRED)
  public long enqueue(NewOutboxMessage message) {
    inputs.check("message", message);
    // the message's own id, else the one of the work that caused it, else a new one
    String id = message.correlationId() != null ? message.correlationId()
        : correlation.current().orElseGet(() -> UUID.randomUUID().toString());
    return jdbc(c -> OutboxStore.insert(c, message, id, Instant.now()));
  }

  /** Rewrites a message written earlier in the caller's (still open) transaction, e.g. with a later snapshot. */
  @Transactional(TxType.MANDATORY)
  public void replacePayload(long id, String payload) {
    jdbc(c -> OutboxStore.replacePayload(c, id, payload));
  }

  /** Drops an ordering key's waiting messages except those of one type, in the caller's transaction. */
  @Transactional(TxType.MANDATORY)
  public int deletePending(String orderingKey, String keepType) {
    return jdbc(c -> OutboxStore.deletePending(c, orderingKey, keepType));
  }

  /** The targets with waiting or parked messages of an ordering key. */
  @Transactional(TxType.MANDATORY)
  public List<String> targetsOf(String orderingKey) {
    return jdbc(c -> OutboxStore.targetsOf(c, orderingKey));
  }

  /** Deletes the parked outbound messages of an ordering key (erasure), in the caller's transaction. */
  @Transactional(TxType.MANDATORY)
  public int deleteOutboundDeadLetters(String system, String orderingKey) {
    return jdbc(c -> DeadLetterStore.deleteOutbound(c, system, orderingKey));
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public List<OutboxMessage> claim(String target, String relay, int limit, Duration lease) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit", "must be between 1 and 1000");
    }
    Instant now = Instant.now();
    List<OutboxMessage> claimed = jdbc(c -> OutboxStore.claim(c, target, relay, limit, now, now.plus(lease)));
    Instant done = Instant.now();
    if (statisticsLag(Duration.between(now, done), lastAnalyze, done)) {
      lastAnalyze = done;
      jdbc(c -> {
        OutboxStore.analyze(c);
        return null;
      });
    }
    return claimed;
  }

  /** A claim slower than this means a plan from outdated statistics: the claim reads at most a few pages. */
  static final Duration SLOW_CLAIM = Duration.ofMillis(250);
  /** At most one refresh in this time, so a claim that is slow for another reason does not analyze in a loop. */
  static final Duration ANALYZE_INTERVAL = Duration.ofSeconds(30);

  private volatile Instant lastAnalyze = Instant.EPOCH;

  /** Whether a claim that took {@code took} calls for fresh statistics of crm_outbox. */
  static boolean statisticsLag(Duration took, Instant lastAnalyze, Instant now) {
    return took.compareTo(SLOW_CLAIM) > 0 && !now.isBefore(lastAnalyze.plus(ANALYZE_INTERVAL));
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public void delivered(long id, String relay) {
    jdbc(c -> OutboxStore.delete(c, id, relay));
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public boolean failed(long id, String relay, String error, RetryPolicy policy) {
    return jdbc(c -> OutboxStore.fail(c, id, relay, error, policy, Instant.now()));
  }

  @Override
  @Transactional(TxType.SUPPORTS)
  public List<OutboxStatus> status() {
    return jdbc(OutboxStore::status);
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Outbox storage", work);
  }

}
