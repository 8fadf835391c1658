/** REST view of the integration runtime: its routes, and a ping through it. */
package org.clientele.crm.rest.integration;
