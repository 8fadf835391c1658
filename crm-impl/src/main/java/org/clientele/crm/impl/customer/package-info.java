/** Customer profiles: the Customer aggregate, its repository, identity resolution, normalization, consents. */
package org.clientele.crm.impl.customer;
