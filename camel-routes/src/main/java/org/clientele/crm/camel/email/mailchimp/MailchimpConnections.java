package org.clientele.crm.camel.email.mailchimp;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one {@link MailchimpClient} of the application, so that every Mailchimp flow (member deliveries, the
 * initial sync, the engagement import) shares its cap of {@code crm.email.mailchimp.max-connections} requests in flight.
 */
@ApplicationScoped
public class MailchimpConnections {

  private MailchimpClient client;
  private MailchimpSettings settings;

  /** The shared client, made with the first settings asked for (every flow reads the same configuration). */
  public synchronized MailchimpClient client(MailchimpSettings wanted) {
    if (client == null || !settings.equals(wanted)) {
      if (client != null && settings.apiKey().equals(wanted.apiKey()) && settings.baseUrl().equals(wanted.baseUrl())
          && settings.maxConnections() == wanted.maxConnections()) {
        return client; // the same account and cap; other settings (merge fields, tags) do not concern the client
      }
      client = new MailchimpClient(wanted);
      settings = wanted;
    }
    return client;
  }
}
