/** The integration runtime seen from outside: its routes and their states. */
package org.clientele.crm.api.integration;
