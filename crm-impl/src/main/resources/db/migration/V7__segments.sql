-- Segments: rules (or hand-kept lists) that select customers, their memberships over time, and the
-- per-customer scores (RFM quintiles, engagement) that rules test. See docs/segmentation.md.
CREATE SEQUENCE crm_segment_seq START WITH 50 INCREMENT BY 50;

-- segment_key, not "key": KEY is a reserved word in H2.
CREATE TABLE crm_segment (
    id            BIGINT                   NOT NULL,
    segment_key   VARCHAR(100)             NOT NULL,
    name          VARCHAR(200)             NOT NULL,
    -- DYNAMIC: members are what rule_json (a SegmentRule as JSON) selects; STATIC: members kept by hand
    kind          VARCHAR(10)              NOT NULL,
    rule_json     VARCHAR(100000),
    version       BIGINT                   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_segment_pk PRIMARY KEY (id),
    CONSTRAINT crm_segment_key_uq UNIQUE (segment_key),
    CONSTRAINT crm_segment_kind_ck CHECK (kind IN ('DYNAMIC', 'STATIC'))
);

-- Every membership period; left_at is NULL while the customer is a member. At most one open period per
-- segment and customer: with NULLS NOT DISTINCT (H2 2.2+, PostgreSQL 15+) the NULL left_at is unique per pair,
-- and closed periods differ by their left_at.
CREATE TABLE crm_segment_member (
    segment_id    BIGINT                   NOT NULL,
    customer_id   BIGINT                   NOT NULL,
    entered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    left_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT crm_segment_member_period_uq UNIQUE NULLS NOT DISTINCT (segment_id, customer_id, left_at),
    CONSTRAINT crm_segment_member_segment_fk FOREIGN KEY (segment_id) REFERENCES crm_segment (id),
    CONSTRAINT crm_segment_member_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id),
    CONSTRAINT crm_segment_member_period_ck CHECK (left_at IS NULL OR left_at >= entered_at)
);
-- A segment's current members (left_at IS NULL), and a customer's segments.
CREATE INDEX crm_segment_member_current_ix ON crm_segment_member (segment_id, left_at, customer_id);
CREATE INDEX crm_segment_member_customer_ix ON crm_segment_member (customer_id, left_at);

-- Scores of active customers, recomputed set-based by RfmScorer. R/F/M are quintiles (5 best) over counted
-- purchases and NULL without any; engagement is 0-100 from recent interactions. The inputs are kept to explain
-- a score: the last counted purchase, how many, and their net total in monetary_currency.
CREATE TABLE crm_customer_score (
    customer_id        BIGINT                   NOT NULL,
    recency_score      SMALLINT,
    frequency_score    SMALLINT,
    monetary_score     SMALLINT,
    engagement_score   SMALLINT                 NOT NULL,
    last_purchase_at   TIMESTAMP WITH TIME ZONE,
    purchase_count     INTEGER                  NOT NULL,
    monetary_value     NUMERIC(19, 4)           NOT NULL,
    monetary_currency  CHAR(3),
    computed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_customer_score_pk PRIMARY KEY (customer_id),
    CONSTRAINT crm_customer_score_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id),
    CONSTRAINT crm_customer_score_rfm_ck CHECK (recency_score BETWEEN 1 AND 5 AND frequency_score BETWEEN 1 AND 5
        AND monetary_score BETWEEN 1 AND 5),
    CONSTRAINT crm_customer_score_engagement_ck CHECK (engagement_score BETWEEN 0 AND 100)
);
CREATE INDEX crm_customer_score_rf_ix ON crm_customer_score (recency_score, frequency_score);
CREATE INDEX crm_customer_score_engagement_ix ON crm_customer_score (engagement_score);
