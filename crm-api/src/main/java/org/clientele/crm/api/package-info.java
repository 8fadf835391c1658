/** Clientele's in-process contract: what every context shares, such as the exception hierarchy. */
package org.clientele.crm.api;
