-- Purchases: orders from every source system, one row per (source_system, order_id) in its newest version.
-- Amounts are NUMERIC(19,4) in the purchase's currency (ISO 4217); crm_purchase's columns customer_id, status,
-- currency, placed_at, total, refunded_total and net_total are read by KPI queries: keep their names.
CREATE SEQUENCE crm_purchase_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE crm_purchase (
    id                BIGINT                   NOT NULL,
    version           BIGINT                   NOT NULL,
    customer_id       BIGINT                   NOT NULL,
    source_system     VARCHAR(100)             NOT NULL,
    order_id          VARCHAR(200)             NOT NULL,
    -- PLACED, PAID, FULFILLED, REFUNDED, CANCELLED: the newest version's, or REFUNDED once refunds reach the total
    status            VARCHAR(10)              NOT NULL,
    currency          CHAR(3)                  NOT NULL,
    placed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the source's own updated-at of the stored version: an older version never replaces it
    source_updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    subtotal          NUMERIC(19,4)            NOT NULL,
    discount_total    NUMERIC(19,4)            NOT NULL,
    shipping_total    NUMERIC(19,4)            NOT NULL,
    tax_total         NUMERIC(19,4)            NOT NULL,
    -- subtotal - discount_total + shipping_total + tax_total
    total             NUMERIC(19,4)            NOT NULL,
    refunded_total    NUMERIC(19,4)            NOT NULL,
    -- total - refunded_total
    net_total         NUMERIC(19,4)            NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_purchase_pk PRIMARY KEY (id),
    CONSTRAINT crm_purchase_source_uq UNIQUE (source_system, order_id),
    CONSTRAINT crm_purchase_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id),
    CONSTRAINT crm_purchase_amounts_ck CHECK (total >= 0 AND refunded_total >= 0 AND refunded_total <= total)
);
-- A customer's purchases, newest first, keyset on (placed_at, id).
CREATE INDEX crm_purchase_customer_ix ON crm_purchase (customer_id, placed_at, id);
-- Period KPIs across all customers.
CREATE INDEX crm_purchase_placed_ix ON crm_purchase (placed_at);

-- The lines of the stored version; a newer version replaces them all. line_no is 1-based, in source order.
CREATE TABLE crm_purchase_line (
    purchase_id       BIGINT                   NOT NULL,
    line_no           INTEGER                  NOT NULL,
    sku               VARCHAR(100)             NOT NULL,
    -- erased with the customer: names can be personal (engravings, custom items)
    name              VARCHAR(300),
    category          VARCHAR(100),
    quantity          INTEGER                  NOT NULL,
    unit_price        NUMERIC(19,4)            NOT NULL,
    discount          NUMERIC(19,4)            NOT NULL,
    -- quantity * unit_price - discount
    line_total        NUMERIC(19,4)            NOT NULL,
    CONSTRAINT crm_purchase_line_pk PRIMARY KEY (purchase_id, line_no),
    CONSTRAINT crm_purchase_line_purchase_fk FOREIGN KEY (purchase_id) REFERENCES crm_purchase (id)
);

-- Every status the purchase was seen in, at the source's time (versions applied or stale, and REFUNDED when
-- refunds reached the total); the history shown is derived from these, whatever order they arrived in.
CREATE TABLE crm_purchase_status (
    purchase_id       BIGINT                   NOT NULL,
    status            VARCHAR(10)              NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_purchase_status_pk PRIMARY KEY (purchase_id, changed_at, status),
    CONSTRAINT crm_purchase_status_purchase_fk FOREIGN KEY (purchase_id) REFERENCES crm_purchase (id)
);

-- Refunds, once per refund id; they add up to the purchase's total at most.
CREATE TABLE crm_purchase_refund (
    purchase_id       BIGINT                   NOT NULL,
    refund_id         VARCHAR(200)             NOT NULL,
    amount            NUMERIC(19,4)            NOT NULL,
    refunded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reason            VARCHAR(500),
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_purchase_refund_uq UNIQUE (purchase_id, refund_id),
    CONSTRAINT crm_purchase_refund_purchase_fk FOREIGN KEY (purchase_id) REFERENCES crm_purchase (id)
);
