package org.clientele.crm.impl.interaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.interaction.InteractionService;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.api.interaction.Recorded;
import org.clientele.crm.api.interaction.TimelinePage;
import org.clientele.crm.api.interaction.TimelineQuery;
import org.clientele.crm.impl.customer.CustomerResolver;

/** Records touchpoints once per source event and serves the customer timeline. */
@ApplicationScoped
@Transactional
public class DefaultInteractionService implements InteractionService {

  /** A concurrent recording of the same event wins the unique key; the retry then finds it. */
  private static final int ATTEMPTS = 5;

  private static final Logger LOG = Logger.getLogger(DefaultInteractionService.class.getName());

  @Inject InteractionRecorder recorder;

  @Inject JpaInteractionRepository interactions;

  @Inject CustomerResolver customers;

  @Inject org.clientele.crm.impl.validation.InputValidator validator;

  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Recorded record(NewInteraction interaction) {
    validator.check("interaction", interaction);
    return recordAll(List.of(interaction)).get(0);
  }

  /** Each attempt commits on its own so that a lost race can be retried; recording is idempotent. */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public List<Recorded> recordAll(List<NewInteraction> batch) {
    validator.checkEach("interactions", batch, 500);
    for (int attempt = 1; ; attempt++) {
      try {
        return recorder.attempt(batch);
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !customers.isLostRace(e)) {
          throw e;
        }
        LOG.fine("Recording lost a race (source event, thread reference or conversation version); retrying");
      }
    }
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public TimelinePage timeline(long customerId, TimelineQuery query) {
    validator.check("query", query);
    long id = customers.resolve(customerId);
    Instant cursorTime = null;
    Long cursorId = null;
    if (query.after() != null) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(query.after()), StandardCharsets.UTF_8).split("\\|");
        cursorTime = Instant.parse(parts[0]);
        cursorId = Long.valueOf(parts[1]);
      } catch (RuntimeException e) {
        throw new InvalidInputException("after", "is not a cursor this service issued");
      }
    }
    List<InteractionRecord> page = interactions.timeline(id, query.channels(), query.types(), query.from(), query.to(),
        cursorTime, cursorId, query.limit());
    String next = null;
    if (page.size() == query.limit()) {
      InteractionRecord last = page.get(page.size() - 1);
      next = Base64.getUrlEncoder().withoutPadding().encodeToString(
          (last.occurredAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }
    return new TimelinePage(page.stream().map(InteractionRecorder::toInteraction).toList(), next);
  }
}
