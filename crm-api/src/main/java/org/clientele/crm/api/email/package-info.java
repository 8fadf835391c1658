/** Email-marketing platforms: what the CRM knows of each customer's member on a platform's audience. */
package org.clientele.crm.api.email;
