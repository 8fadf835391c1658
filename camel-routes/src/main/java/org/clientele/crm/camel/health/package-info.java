/** MicroProfile Health checks of the Camel runtime and its routes. */
package org.clientele.crm.camel.health;
