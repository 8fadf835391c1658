package org.clientele.crm.impl.integration;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.clientele.crm.impl.persistence.Jdbc;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterPage;
import org.clientele.crm.api.integration.DeadLetterQuery;
import org.clientele.crm.api.integration.DeadLetterReplayer;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.DeadLetterStatus;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.impl.audit.AuditLog;

/**
 * The dead-letter store in crm_dead_letter. Replays run outside the store's transactions: an inbound replay
 * goes through its route (its own transaction, its own idempotency check), then the letter is settled.
 */
@ApplicationScoped
public class DefaultDeadLetterService implements DeadLetterService {

  private static final Logger LOG = Logger.getLogger(DefaultDeadLetterService.class.getName());

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject AuditLog audit;

  @Inject DeadLetterTransactions transactions;

  @Inject @Any Instance<DeadLetterReplayer> replayers;

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public DeadLetter park(NewDeadLetter letter) {
    if (letter == null || letter.direction() == null || letter.system() == null || letter.system().isBlank()) {
      throw new InvalidInputException("letter", "direction and system are required");
    }
    DeadLetter parked = jdbc(c -> DeadLetterStore.find(c, DeadLetterStore.insert(c, letter, Instant.now()), false))
        .orElseThrow();
    LOG.warning(() -> "Dead letter " + parked.id() + " parked: " + parked.direction() + " " + parked.system() + " "
        + parked.messageType() + " from route " + parked.routeId() + " (correlation " + parked.correlationId()
        + "): " + parked.reasonType());
    return parked;
  }

  @Override
  @Transactional(TxType.SUPPORTS)
  public DeadLetter find(long id) {
    return jdbc(c -> DeadLetterStore.find(c, id, false)).orElseThrow(() -> new ResourceNotFoundException(
        "Dead letter", id));
  }

  @Override
  @Transactional(TxType.SUPPORTS)
  public DeadLetterPage list(DeadLetterQuery query) {
    if (query.limit() < 1 || query.limit() > 200) {
      throw new InvalidInputException("limit", "must be between 1 and 200");
    }
    List<DeadLetter> letters = jdbc(c -> DeadLetterStore.list(c, query));
    Long next = null;
    if (letters.size() > query.limit()) {
      letters = letters.subList(0, query.limit());
      next = letters.get(letters.size() - 1).id();
    }
    return new DeadLetterPage(letters, next);
  }

  @Override
  public DeadLetter replay(long id, Long expectedVersion) {
    DeadLetter letter = parked(id, expectedVersion);
    if (letter.direction() == MessageDirection.OUTBOUND) {
      return transactions.requeue(letter, expectedVersion, audit.actor());
    }
    Optional<DeadLetterReplayer> replayer = replayers.stream().filter(r -> r.canReplay(letter)).findFirst();
    if (replayer.isEmpty()) {
      throw new ConflictException("No route can replay dead letter " + id + " (route " + letter.routeId()
          + "); is the route enabled?");
    }
    try {
      replayer.get().replay(letter);
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      return transactions.settle(letter, DeadLetterStatus.PARKED, audit.actor(), "replay failed",
          "replay failed: " + reason, letter.attempts() + 1);
    }
    return transactions.settle(letter, DeadLetterStatus.REPLAYED, audit.actor(), "replayed through route "
        + letter.routeId(), letter.reason(), letter.attempts() + 1);
  }

  @Override
  public DeadLetter discard(long id, String reason, Long expectedVersion) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("reason", "is required to discard a dead letter");
    }
    DeadLetter letter = parked(id, expectedVersion);
    return transactions.settle(letter, DeadLetterStatus.DISCARDED, audit.actor(), reason.strip(), letter.reason(),
        letter.attempts());
  }

  @Override
  @Transactional(TxType.SUPPORTS)
  public Map<String, Map<DeadLetterStatus, Long>> counts() {
    return jdbc(DeadLetterStore::counts);
  }

  private DeadLetter parked(long id, Long expectedVersion) {
    DeadLetter letter = find(id);
    if (expectedVersion != null && expectedVersion != letter.version()) {
      throw new ConcurrentModificationException("Dead letter " + id, expectedVersion, letter.version());
    }
    if (letter.status() != DeadLetterStatus.PARKED) {
      throw new ConflictException("Dead letter " + id + " is " + letter.status() + ", not PARKED");
    }
    return letter;
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Dead-letter storage", work);
  }

}
