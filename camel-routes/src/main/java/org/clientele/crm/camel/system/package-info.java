/** Routes of the CRM itself: the node heartbeat and the ping that proves messages flow. */
package org.clientele.crm.camel.system;
