/** Follow-up events, fired after the transaction that caused them commits. */
package org.clientele.crm.api.followup.events;
