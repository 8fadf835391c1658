/** REST: conversations, their steering and the agent context. */
package org.clientele.crm.rest.conversation;
