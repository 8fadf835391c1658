/** Webhooks of email-marketing platforms (Mailchimp) at {@code /crm/hooks/mailchimp/<secret>}. */
package org.clientele.crm.rest.email;
