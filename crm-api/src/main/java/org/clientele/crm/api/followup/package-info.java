/** Follow-ups: tasks to get back to a customer, created by hand or by rules (negative feedback, churn risk, waiting conversations). */
package org.clientele.crm.api.followup;
