/** Webhooks of email-marketing platforms (Mailchimp) at {@code /crm/hooks/mailchimp/<secret>}, and initial syncs. */
package org.clientele.crm.rest.email;
