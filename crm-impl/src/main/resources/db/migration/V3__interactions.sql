-- Interactions: every touchpoint with a customer, idempotent by source event, grouped in conversations.
CREATE SEQUENCE crm_interaction_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_conversation_seq START WITH 50 INCREMENT BY 50;

-- A matter a customer raised, across channels. Times are the touchpoints' own times, not recording times.
CREATE TABLE crm_conversation (
    id                  BIGINT                   NOT NULL,
    customer_id         BIGINT                   NOT NULL,
    subject             VARCHAR(300),
    status              VARCHAR(10)              NOT NULL,
    assigned_agent      VARCHAR(100),
    assigned_team       VARCHAR(100),
    -- channels seen so far, comma-separated in order of first use
    channels            VARCHAR(200)             NOT NULL,
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    first_response_at   TIMESTAMP WITH TIME ZONE,
    last_response_at    TIMESTAMP WITH TIME ZONE,
    resolved_at         TIMESTAMP WITH TIME ZONE,
    last_activity_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the oldest customer message not yet answered; null when the company spoke last
    waiting_since       TIMESTAMP WITH TIME ZONE,
    interaction_count   INTEGER                  NOT NULL,
    reopen_count        INTEGER                  NOT NULL,
    version             BIGINT                   NOT NULL,
    CONSTRAINT crm_conversation_pk PRIMARY KEY (id),
    CONSTRAINT crm_conversation_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id)
);
CREATE INDEX crm_conversation_customer_ix ON crm_conversation (customer_id, status, last_activity_at);
CREATE INDEX crm_conversation_waiting_ix ON crm_conversation (status, waiting_since);

-- Thread references (email Message-IDs, chat or social thread ids) that lead a reply to its conversation.
CREATE TABLE crm_conversation_ref (
    reference           VARCHAR(300)             NOT NULL,
    conversation_id     BIGINT                   NOT NULL,
    CONSTRAINT crm_conversation_ref_pk PRIMARY KEY (reference),
    CONSTRAINT crm_conversation_ref_conversation_fk FOREIGN KEY (conversation_id) REFERENCES crm_conversation (id)
);
CREATE INDEX crm_conversation_ref_conversation_ix ON crm_conversation_ref (conversation_id);

CREATE TABLE crm_interaction (
    id                BIGINT                   NOT NULL,
    customer_id       BIGINT                   NOT NULL,
    channel           VARCHAR(20)              NOT NULL,
    interaction_type  VARCHAR(30)              NOT NULL,
    direction         VARCHAR(10)              NOT NULL,
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    subject           VARCHAR(300),
    summary           VARCHAR(4000),
    -- structured details as a JSON object of strings
    attributes        VARCHAR(30000),
    agent             VARCHAR(100),
    source_system     VARCHAR(100)             NOT NULL,
    source_event_id   VARCHAR(200)             NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    conversation_id   BIGINT,
    CONSTRAINT crm_interaction_pk PRIMARY KEY (id),
    CONSTRAINT crm_interaction_source_uq UNIQUE (source_system, source_event_id),
    CONSTRAINT crm_interaction_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id),
    CONSTRAINT crm_interaction_conversation_fk FOREIGN KEY (conversation_id) REFERENCES crm_conversation (id)
);
-- The timeline: newest first per customer, keyset on (occurred_at, id).
CREATE INDEX crm_interaction_timeline_ix ON crm_interaction (customer_id, occurred_at, id);
CREATE INDEX crm_interaction_conversation_ix ON crm_interaction (conversation_id, occurred_at, id);
