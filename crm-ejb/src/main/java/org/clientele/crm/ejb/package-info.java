/**
 * Local EJB views of the crm-api services: a neighbouring application on the same server looks them up
 * under {@code java:global/clientele/crm-ejb/<Bean>!<interface>} and calls them in-process.
 *
 * <p>Each view only delegates to the CDI service; the views are {@code @Typed()} so that CDI injection
 * inside the EAR keeps resolving to the one service implementation.
 */
package org.clientele.crm.ejb;
