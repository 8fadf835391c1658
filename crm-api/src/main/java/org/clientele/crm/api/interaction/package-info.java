/** Interactions: every touchpoint with a customer, on every channel, in one timeline. */
package org.clientele.crm.api.interaction;
