/** Analytics: KPI and churn-risk SQL over purchases, feedback and conversations, and the prediction batch job. */
package org.clientele.crm.impl.analytics;
