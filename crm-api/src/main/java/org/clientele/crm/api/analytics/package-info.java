/** Analytics: period KPIs, per-customer value and churn risk, and explainable purchase predictions. */
package org.clientele.crm.api.analytics;
