/** REST: feedback recording and listing. */
package org.clientele.crm.rest.feedback;
