/** The audit log: who changed what and when, by ids only. */
package org.clientele.crm.impl.audit;
