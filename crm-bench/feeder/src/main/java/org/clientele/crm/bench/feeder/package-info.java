/**
 * Benchmark only, deployed next to the EAR in the same server: the host ERP's side of IntegrationBenchmark, the
 * bare store-the-body endpoint of WebhookBenchmark and the in-server 360° read of OverviewBenchmark.
 */
package org.clientele.crm.bench.feeder;
