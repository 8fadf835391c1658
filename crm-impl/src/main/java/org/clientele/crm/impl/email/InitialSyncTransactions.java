package org.clientele.crm.impl.email;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.email.EmailBulkSync.Candidate;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.email.InitialSyncStore.Counts;
import org.clientele.crm.impl.email.InitialSyncStore.Row;
import org.clientele.crm.impl.integration.MessageJson;
import org.clientele.crm.impl.persistence.Jdbc;

/** The initial-sync table's units of work, each in a transaction of its own. */
@ApplicationScoped
public class InitialSyncTransactions {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject CustomerResolver customers;

  /** A chunk of the walk: the customers to send, and the last id walked (the checkpoint once recorded). */
  public record Chunk(List<Candidate> candidates, long lastCustomerId, int walked) {}

  /** @throws ConflictException when the audience has a running sync */
  @Transactional(TxType.REQUIRES_NEW)
  public Row start(String platform, String audience, int chunkSize) {
    Instant now = Instant.now();
    long id = unique(() -> jdbc(c -> InitialSyncStore.insert(c, platform, audience, chunkSize,
        InitialSyncStore.countCustomers(c), now)), audience);
    return jdbc(c -> InitialSyncStore.load(c, id)).orElseThrow();
  }

  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Row> load(long id) {
    return jdbc(c -> InitialSyncStore.load(c, id));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public List<Row> list() {
    return jdbc(InitialSyncStore::list);
  }

  @Transactional(TxType.REQUIRES_NEW)
  public List<Long> claim(String worker, Duration lease) {
    Instant now = Instant.now();
    return jdbc(c -> InitialSyncStore.claim(c, worker, now, now.plus(lease)));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public boolean renew(long id, String worker, Duration lease) {
    return jdbc(c -> InitialSyncStore.renew(c, id, worker, Instant.now().plus(lease)));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public boolean pending(long id, String worker, String batch) {
    return jdbc(c -> InitialSyncStore.pending(c, id, worker, batch, Instant.now()));
  }

  /**
   * The next customers with an email after the checkpoint, each with its {@code member.changed} message (the same
   * the outbox writes) and the member the CRM knows; a profile gone meanwhile (erased, merged away) is walked and
   * left out.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Chunk chunk(String platform, String audience, long afterId, int size) {
    List<Long> ids = jdbc(c -> InitialSyncStore.customersAfter(c, afterId, size));
    List<Candidate> candidates = new ArrayList<>();
    Instant now = Instant.now();
    for (long id : ids) {
      CustomerProfile profile;
      try {
        profile = customers.profile(id);
      } catch (ResourceNotFoundException e) {
        continue;
      }
      if (profile.id() != id || profile.email() == null || profile.email().isBlank()) {
        continue;
      }
      String payload = MessageJson.write(EmailMemberOutbox.memberChanged(profile, now));
      candidates.add(new Candidate(id, payload,
          jdbc(c -> EmailMemberStore.find(c, platform, audience, id)).orElse(null)));
    }
    return new Chunk(candidates, ids.isEmpty() ? afterId : ids.get(ids.size() - 1), ids.size());
  }

  /** The checkpoint after a chunk; false when the worker no longer holds a running claim. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean checkpoint(long id, String worker, long lastCustomerId, Counts counts, boolean batch,
      Duration lease) {
    Instant now = Instant.now();
    return jdbc(c -> InitialSyncStore.checkpoint(c, id, worker, lastCustomerId, counts, batch, now, now.plus(lease)));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public void error(long id, String error) {
    jdbc(c -> {
      InitialSyncStore.error(c, id, error, Instant.now());
      return null;
    });
  }

  @Transactional(TxType.REQUIRES_NEW)
  public boolean finish(long id, String worker, String status, String error) {
    return jdbc(c -> InitialSyncStore.finish(c, id, worker, status, error, Instant.now()));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public boolean cancel(long id) {
    return jdbc(c -> InitialSyncStore.finish(c, id, null, InitialSyncStore.CANCELLED, null, Instant.now()));
  }

  /**
   * FAILED or CANCELLED → RUNNING; false when it was in neither state.
   *
   * @throws ConflictException when another sync of the audience is running
   */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean resume(long id, String audience) {
    return unique(() -> jdbc(c -> InitialSyncStore.resume(c, id, Instant.now())), audience);
  }

  private <T> T unique(java.util.function.Supplier<T> work, String audience) {
    try {
      return work.get();
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        throw new ConflictException("An initial sync of audience " + audience + " is running already");
      }
      throw e;
    }
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Email initial sync storage", work);
  }
}
