/** REST view of the running CRM: version, database, schema and nodes. */
package org.clientele.crm.rest.system;
