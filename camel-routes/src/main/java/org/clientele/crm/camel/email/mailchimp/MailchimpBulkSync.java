package org.clientele.crm.camel.email.mailchimp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.clientele.crm.api.email.EmailBulkSync;
import org.eclipse.microprofile.config.Config;

/**
 * Mailchimp's bulk sync for the CRM's initial sync ({@link MailchimpBatches}: the batch operations API), on with
 * {@code crm.email.mailchimp.enabled}; shares the member relay's client and its cap on connections.
 */
@ApplicationScoped
public class MailchimpBulkSync implements EmailBulkSync {

  @Inject Config config;

  @Inject MailchimpConnections connections;

  @Override
  public String platform() {
    return MailchimpMemberAdapter.PLATFORM;
  }

  @Override
  public boolean enabled() {
    return config.getOptionalValue(MailchimpSettings.PREFIX + "enabled", Boolean.class).orElse(false);
  }

  @Override
  public String audience() {
    return batches().settings().listId();
  }

  @Override
  public List<Outcome> sync(List<Candidate> members, String pendingBatch, Progress progress) {
    return batches().batches().sync(members, pendingBatch, progress);
  }

  private record Made(MailchimpSettings settings, MailchimpBatches batches) {}

  private Made made;

  private synchronized Made batches() {
    if (made == null) {
      MailchimpSettings settings = MailchimpSettings.from(key -> config.getOptionalValue(key, String.class));
      made = new Made(settings, new MailchimpBatches(settings, connections.client(settings),
          MailchimpBatches.Options.from(key -> config.getOptionalValue(key, String.class)), Clock.systemUTC()));
    }
    return made;
  }
}
