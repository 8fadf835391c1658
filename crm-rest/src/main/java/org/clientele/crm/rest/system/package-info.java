/** REST view of the running CRM: version, database, schema and nodes; per-request SQL statement counts. */
package org.clientele.crm.rest.system;
