/**
 * TEST ONLY: the crash-recovery probe, a WAR next to the EAR on the server that {@code CrashRecoveryIT} kills:
 * sends a burst of ERP customer master records and drains the queue the outbox relay delivers to.
 */
package org.clientele.crm.it.crash;
