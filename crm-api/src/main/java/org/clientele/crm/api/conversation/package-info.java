/** Conversations: the interactions about one matter, across channels, with status, assignment and service times. */
package org.clientele.crm.api.conversation;
