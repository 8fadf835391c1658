package org.clientele.crm.api.email;

import java.util.List;
import java.util.Optional;

/**
 * Initial syncs of the configured email-marketing audience: every customer with an email is submitted through the
 * platform's bulk API in chunks, in the background, resumably. Available by CDI injection; REST under
 * {@code /crm/api/email/mailchimp/initial-syncs}.
 */
public interface EmailInitialSyncService {

  /**
   * Starts a sync of the configured audience.
   *
   * @throws org.clientele.crm.api.InvalidInputException for a bad chunk size, or when the platform is not
   *     enabled (no bulk sync available)
   * @throws org.clientele.crm.api.ConflictException when a sync of the audience is running
   */
  EmailInitialSync start(NewEmailInitialSync request);

  Optional<EmailInitialSync> find(long id);

  /** Newest first. */
  List<EmailInitialSync> list();

  /** Stops a running sync after its current chunk's batch; it keeps its checkpoint. */
  EmailInitialSync cancel(long id);

  /** Runs a FAILED or CANCELLED sync again from its checkpoint. */
  EmailInitialSync resume(long id);
}
