package org.clientele.crm.impl.integration;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.clientele.crm.impl.persistence.Jdbc;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterStatus;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.impl.audit.AuditLog;

/** The store's writes, each in a transaction of its own, with the letter locked and re-checked. */
@ApplicationScoped
public class DeadLetterTransactions {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject AuditLog audit;

  @Inject org.clientele.crm.api.integration.Outbox outbox;

  @Transactional(TxType.REQUIRES_NEW)
  public DeadLetter requeue(DeadLetter letter, Long expectedVersion, String actor) {
    return Jdbc.run(dataSource, "Dead-letter storage", c -> {
      DeadLetter locked = locked(c, letter.id(), letter.version());
      long id = outbox.enqueue(new NewOutboxMessage(locked.system(), locked.messageType(),
          locked.orderingKey() == null ? "dead-letter-" + locked.id() : locked.orderingKey(), locked.payload(),
          locked.correlationId()));
      DeadLetterStore.resolve(c, locked.id(), DeadLetterStatus.REPLAYED, actor, "queued again as outbox message "
          + id, locked.reason(), locked.attempts(), Instant.now());
      audit.record("dead-letter.replayed", "DeadLetter", locked.id(), "outbox=" + id);
      return DeadLetterStore.find(c, locked.id(), false).orElseThrow();
    });
  }

  @Transactional(TxType.REQUIRES_NEW)
  public DeadLetter settle(DeadLetter letter, DeadLetterStatus status, String actor, String resolution,
      String reason, int attempts) {
    return Jdbc.run(dataSource, "Dead-letter storage", c -> {
      DeadLetter locked = locked(c, letter.id(), letter.version());
      DeadLetterStore.resolve(c, locked.id(), status, status == DeadLetterStatus.PARKED ? null : actor,
          resolution, reason, attempts, Instant.now());
      audit.record("dead-letter." + status.name().toLowerCase(java.util.Locale.ROOT), "DeadLetter", locked.id(),
          resolution);
      return DeadLetterStore.find(c, locked.id(), false).orElseThrow();
    });
  }

  private static DeadLetter locked(Connection c, long id, long version) throws SQLException {
    DeadLetter locked = DeadLetterStore.find(c, id, true).orElseThrow(() -> new ResourceNotFoundException(
        "Dead letter", id));
    if (locked.version() != version) {
      throw new ConcurrentModificationException("Dead letter " + id, version, locked.version());
    }
    if (locked.status() != DeadLetterStatus.PARKED) {
      throw new ConflictException("Dead letter " + id + " is " + locked.status() + ", not PARKED");
    }
    return locked;
  }
}
