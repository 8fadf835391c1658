package org.clientele.crm.api.email;

import java.util.Map;

/**
 * Webhook deliveries of an email-marketing platform (Mailchimp: form-encoded POSTs authenticated by a secret in
 * the URL). Applies each delivery at most once and answers what happened; the HTTP edge turns the outcome into a
 * status. Available by CDI injection.
 */
public interface EmailWebhookReceiver {

  /** What became of a delivery. */
  enum Outcome {
    /** Applied to the CRM. */
    APPLIED,
    /** Applied before (a redelivery): nothing done. */
    DUPLICATE,
    /** Authentic, but nothing to do (another audience, an unknown address, an unmapped field, a campaign). */
    IGNORED,
    /** The platform's webhooks are not received here (off, or no secret configured). */
    NOT_FOUND,
    /** A missing or wrong secret: nothing applied. */
    UNAUTHENTICATED,
    /** Not a delivery the CRM understands (missing fields, unknown type, bad fired_at): nothing applied. */
    MALFORMED,
    /** The CRM refused the change (e.g. the new address belongs to another profile): nothing applied. */
    REFUSED
  }

  /**
   * @param detail why (for errors and ignored deliveries); never personal data
   */
  record Receipt(Outcome outcome, String type, String detail) {}

  /**
   * Whether a URL validation request (Mailchimp's GET) carries the right secret: {@link Outcome#APPLIED} if so,
   * else {@link Outcome#UNAUTHENTICATED} or {@link Outcome#NOT_FOUND}.
   */
  Receipt validate(String platform, String secret);

  /**
   * @param secret the secret from the delivery's URL, or null
   * @param form the form fields by name ({@code type}, {@code fired_at}, {@code data[email]}, ...)
   */
  Receipt receive(String platform, String secret, Map<String, String> form);
}
