/** Conversations: threading touchpoints into matters across channels, their status, assignment and service times. */
package org.clientele.crm.impl.conversation;
