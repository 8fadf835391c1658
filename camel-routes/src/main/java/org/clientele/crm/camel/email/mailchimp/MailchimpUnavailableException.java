package org.clientele.crm.camel.email.mailchimp;

/** Mailchimp is busy or failing (429, 5xx): the delivery is retried with the outbox's backoff. */
public class MailchimpUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  public MailchimpUnavailableException(String message) {
    super(message);
  }
}
