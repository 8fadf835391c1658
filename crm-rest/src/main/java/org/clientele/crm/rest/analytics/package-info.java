/** REST: KPIs, customer value and prediction runs. */
package org.clientele.crm.rest.analytics;
