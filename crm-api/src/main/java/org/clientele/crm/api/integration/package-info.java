/** The integration runtime seen from outside: its routes, their states and the route files that edit them. */
package org.clientele.crm.api.integration;
