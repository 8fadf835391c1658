/** The CRM as a running system: this node's identity, heartbeats and the status report. */
package org.clientele.crm.impl.system;
