package org.clientele.crm.camel.email.mailchimp;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one {@link MailchimpClient} of this server, so that the member relay and the initial sync share its cap of
 * {@code crm.email.mailchimp.max-connections} requests in flight (Mailchimp counts connections per user).
 */
@ApplicationScoped
public class MailchimpConnections {

  private MailchimpClient client;

  /** The shared client, made from the first settings asked with. */
  public synchronized MailchimpClient client(MailchimpSettings settings) {
    if (client == null) {
      client = new MailchimpClient(settings);
    }
    return client;
  }
}
