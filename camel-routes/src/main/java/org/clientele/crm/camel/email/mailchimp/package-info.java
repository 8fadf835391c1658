/** Mailchimp Marketing API v3: audience members upserted, unsubscribe-safe, and deleted on erasure. */
package org.clientele.crm.camel.email.mailchimp;
