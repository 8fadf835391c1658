/** The Camel runtime that carries the CRM's integrations: its lifecycle, configuration and status. */
package org.clientele.crm.camel;
