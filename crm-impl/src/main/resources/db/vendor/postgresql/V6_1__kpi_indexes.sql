-- PostgreSQL only: covering indexes for the period KPIs and historical CLV (KpiQueries), measured by
-- EngagementBenchmark on 1M customers / 3.3M purchases (docs/performance.md, "Interactions, KPIs and predictions").
--
-- Per customer in time order, with the status the KPIs filter on: "customers with an order in the period"
-- (DISTINCT / GROUP BY customer_id) becomes an index-only scan already grouped by customer, and retention's
-- per-customer EXISTS an index-only probe. Without it PostgreSQL 15 groups a year of orders with a parallel
-- hash aggregate whose second stage spilled into 376,280 batches: 9 minutes for retention over one year,
-- against 1.5 s with this index.
CREATE INDEX crm_purchase_customer_kpi_ix ON crm_purchase (customer_id, placed_at) INCLUDE (status);

-- Historical CLV: customers and net revenue per currency over every order before the period's end, read in
-- (currency, customer) order from the index instead of sorting every order by currency on disk.
CREATE INDEX crm_purchase_currency_kpi_ix ON crm_purchase (currency, customer_id) INCLUDE (placed_at, status, net_total);
