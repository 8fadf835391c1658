/** The 360° overview of a customer: profile and recent activity from every context, in one read. */
package org.clientele.crm.api.overview;
