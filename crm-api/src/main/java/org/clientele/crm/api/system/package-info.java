/** The running CRM itself: version, database, schema and the cluster nodes that share it. */
package org.clientele.crm.api.system;
