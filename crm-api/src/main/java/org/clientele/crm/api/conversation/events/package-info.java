/** Conversation events, fired after the transaction that caused them commits. */
package org.clientele.crm.api.conversation.events;
