/**
 * Email marketing, platform-neutral side of the routes: the outbox's {@code email} messages as records and the
 * interface each platform's adapter (one package per platform, e.g. {@code mailchimp}) implements.
 */
package org.clientele.crm.camel.email;
