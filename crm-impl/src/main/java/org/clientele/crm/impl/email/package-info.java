/**
 * Email marketing, platform-neutral: which customers and what state are sent (through the outbox, target
 * {@code email}), and the members the CRM keeps on the platforms ({@code crm_email_member}).
 */
package org.clientele.crm.impl.email;
