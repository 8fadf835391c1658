/** Segment rules: their validation against the whitelist and catalog, their compilation to SQL, and RFM scoring. */
package org.clientele.crm.impl.segment;
