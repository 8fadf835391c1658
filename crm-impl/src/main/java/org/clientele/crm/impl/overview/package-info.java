/** The 360° overview, assembled from each context's reads in one transaction. */
package org.clientele.crm.impl.overview;
