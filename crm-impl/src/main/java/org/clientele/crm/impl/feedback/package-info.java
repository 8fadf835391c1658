/** Feedback: survey answers recorded once per source event; negative ones raise a follow-up and the customer's attention flag. */
package org.clientele.crm.impl.feedback;
