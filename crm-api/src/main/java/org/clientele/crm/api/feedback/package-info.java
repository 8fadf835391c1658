/** Feedback: NPS, CSAT and CES scores with comments; negative feedback turns into a follow-up. */
package org.clientele.crm.api.feedback;
