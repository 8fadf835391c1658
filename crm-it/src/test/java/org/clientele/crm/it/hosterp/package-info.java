/**
 * A stand-in for the host ERP: a separate application on the same server that calls the CRM in-process
 * through the local EJB views under java:global, as a real ERP would.
 */
package org.clientele.crm.it.hosterp;
