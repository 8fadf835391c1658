/**
 * Mailchimp's webhooks into the CRM: form parsing, the secret in the URL, and the effect of each type
 * (docs/integration/mailchimp.md).
 */
package org.clientele.crm.impl.email.mailchimp;
