-- Feedback (NPS, CSAT, CES) and follow-ups; customers carry an attention flag set by negative feedback.
ALTER TABLE crm_customer ADD COLUMN attention_reason VARCHAR(200);
ALTER TABLE crm_customer ADD COLUMN attention_since TIMESTAMP WITH TIME ZONE;

CREATE SEQUENCE crm_feedback_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_follow_up_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE crm_follow_up (
    id                BIGINT                   NOT NULL,
    customer_id       BIGINT                   NOT NULL,
    conversation_id   BIGINT,
    feedback_id       BIGINT,
    reason            VARCHAR(30)              NOT NULL,
    -- what a rule keys its follow-up on, so that no rule creates the same follow-up twice
    rule_key          VARCHAR(200),
    title             VARCHAR(200)             NOT NULL,
    details           VARCHAR(4000),
    due_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    assignee          VARCHAR(100),
    priority          VARCHAR(10)              NOT NULL,
    status            VARCHAR(15)              NOT NULL,
    raises_attention  BOOLEAN                  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at      TIMESTAMP WITH TIME ZONE,
    version           BIGINT                   NOT NULL,
    CONSTRAINT crm_follow_up_pk PRIMARY KEY (id),
    CONSTRAINT crm_follow_up_rule_uq UNIQUE (rule_key),
    CONSTRAINT crm_follow_up_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id),
    CONSTRAINT crm_follow_up_conversation_fk FOREIGN KEY (conversation_id) REFERENCES crm_conversation (id)
);
-- Work lists: what is due, per assignee and overall, earliest first.
CREATE INDEX crm_follow_up_due_ix ON crm_follow_up (status, due_at, id);
CREATE INDEX crm_follow_up_assignee_ix ON crm_follow_up (assignee, status, due_at, id);
CREATE INDEX crm_follow_up_customer_ix ON crm_follow_up (customer_id, status);

CREATE TABLE crm_feedback (
    id                BIGINT                   NOT NULL,
    customer_id       BIGINT                   NOT NULL,
    kind              VARCHAR(10)              NOT NULL,
    score             INTEGER                  NOT NULL,
    comment_text      VARCHAR(4000),
    interaction_id    BIGINT,
    conversation_id   BIGINT,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    negative          BOOLEAN                  NOT NULL,
    follow_up_id      BIGINT,
    source_system     VARCHAR(100)             NOT NULL,
    source_event_id   VARCHAR(200)             NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_feedback_pk PRIMARY KEY (id),
    CONSTRAINT crm_feedback_source_uq UNIQUE (source_system, source_event_id),
    CONSTRAINT crm_feedback_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id),
    CONSTRAINT crm_feedback_interaction_fk FOREIGN KEY (interaction_id) REFERENCES crm_interaction (id),
    CONSTRAINT crm_feedback_conversation_fk FOREIGN KEY (conversation_id) REFERENCES crm_conversation (id),
    CONSTRAINT crm_feedback_follow_up_fk FOREIGN KEY (follow_up_id) REFERENCES crm_follow_up (id)
);
CREATE INDEX crm_feedback_customer_ix ON crm_feedback (customer_id, received_at);
-- Period KPIs (NPS, CSAT, CES) scan by kind and time.
CREATE INDEX crm_feedback_kind_ix ON crm_feedback (kind, received_at);
