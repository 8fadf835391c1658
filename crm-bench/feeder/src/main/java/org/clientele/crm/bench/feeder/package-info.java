/** Benchmark only: the host ERP's side of IntegrationBenchmark, deployed next to the EAR in the same server. */
package org.clientele.crm.bench.feeder;
