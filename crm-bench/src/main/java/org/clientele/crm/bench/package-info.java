/** Benchmark runners: each measures a CRM figure and its baseline in the same run, on the same data. */
package org.clientele.crm.bench;
