/** Business metrics: counts of domain events, exported through MicroProfile Metrics. */
package org.clientele.crm.impl.metrics;
