package org.clientele.crm.impl.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.email.EmailBulkSync;
import org.clientele.crm.api.email.EmailInitialSync;
import org.clientele.crm.api.email.EmailInitialSyncService;
import org.clientele.crm.api.email.NewEmailInitialSync;
import org.clientele.crm.impl.email.InitialSyncStore.Row;
import org.eclipse.microprofile.config.Config;

/** Initial syncs: validated, stored as RUNNING, and handed to {@link InitialSyncRunner}. */
@ApplicationScoped
public class DefaultEmailInitialSyncService implements EmailInitialSyncService {

  static final int MAX_CHUNK = 5000;

  @Inject Config config;

  @Inject InitialSyncTransactions transactions;

  @Inject InitialSyncRunner runner;

  @Override
  public EmailInitialSync start(NewEmailInitialSync request) {
    int chunk = request == null || request.chunkSize() == null
        ? config.getOptionalValue("crm.email.mailchimp.initial-sync.chunk-size", Integer.class).orElse(1000)
        : request.chunkSize();
    if (chunk < 1 || chunk > MAX_CHUNK) {
      throw new InvalidInputException("chunkSize", "must be between 1 and " + MAX_CHUNK);
    }
    EmailBulkSync platform = runner.platform().orElseThrow(() -> new ConflictException(
        "No email-marketing platform is enabled (crm.email.mailchimp.enabled): nothing to sync to"));
    Row row = transactions.start(platform.platform(), platform.audience(), chunk);
    runner.nudge();
    return row.view(Instant.now());
  }

  @Override
  public Optional<EmailInitialSync> find(long id) {
    return transactions.load(id).map(r -> r.view(Instant.now()));
  }

  @Override
  public List<EmailInitialSync> list() {
    Instant now = Instant.now();
    return transactions.list().stream().map(r -> r.view(now)).toList();
  }

  @Override
  public EmailInitialSync cancel(long id) {
    Row row = transactions.load(id).orElseThrow(() -> new ResourceNotFoundException("Initial sync", id));
    if (!transactions.cancel(id)) {
      throw new ConflictException("Initial sync " + id + " is " + row.status() + ", not RUNNING");
    }
    return find(id).orElseThrow();
  }

  @Override
  public EmailInitialSync resume(long id) {
    Row row = transactions.load(id).orElseThrow(() -> new ResourceNotFoundException("Initial sync", id));
    if (!transactions.resume(id, row.audience())) {
      throw new ConflictException("Initial sync " + id + " is " + row.status() + "; only FAILED or CANCELLED resume");
    }
    runner.nudge();
    return find(id).orElseThrow();
  }
}
