-- Customer 360: one profile per person, its identities, contact points, tags, attributes and consents.
-- Uniqueness that identity resolution relies on is enforced here, not only in code:
--   an external identity belongs to one profile (crm_customer_identity primary key), and so does a
--   normalized email or phone used for matching (crm_customer_match_key primary key).

-- EclipseLink reads NEXTVAL as the last id of a block of allocationSize (50): the first value must be 50.
CREATE SEQUENCE crm_customer_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_consent_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_audit_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_merge_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_duplicate_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE crm_customer (
    id                BIGINT                   NOT NULL,
    version           BIGINT                   NOT NULL,
    given_name        VARCHAR(200),
    family_name       VARCHAR(200),
    -- lower-cased search keys: given, family, "given family"
    given_name_key    VARCHAR(200),
    family_name_key   VARCHAR(200),
    full_name_key     VARCHAR(401),
    email             VARCHAR(320),
    -- the email's local part, for the duplicate rule "same address at another domain"
    email_local       VARCHAR(64),
    phone             VARCHAR(40),
    birth_date        DATE,
    language          VARCHAR(35),
    address_line1     VARCHAR(200),
    address_line2     VARCHAR(200),
    postal_code       VARCHAR(20),
    city              VARCHAR(100),
    region            VARCHAR(100),
    country           VARCHAR(2),
    lifecycle_stage   VARCHAR(20)              NOT NULL,
    -- ACTIVE; MERGED (into merged_into_id, which keeps resolving to the survivor); ERASED (anonymized)
    status            VARCHAR(10)              NOT NULL,
    merged_into_id    BIGINT,
    erased_at         TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_customer_pk PRIMARY KEY (id)
);
CREATE INDEX crm_customer_given_ix ON crm_customer (given_name_key, id);
CREATE INDEX crm_customer_family_ix ON crm_customer (family_name_key, id);
CREATE INDEX crm_customer_full_name_ix ON crm_customer (full_name_key, id);
CREATE INDEX crm_customer_stage_ix ON crm_customer (lifecycle_stage, id);
CREATE INDEX crm_customer_merged_into_ix ON crm_customer (merged_into_id);
CREATE INDEX crm_customer_email_local_ix ON crm_customer (email_local, id);
CREATE INDEX crm_customer_phone_ix ON crm_customer (phone, id);
CREATE INDEX crm_customer_updated_ix ON crm_customer (updated_at, id);
CREATE INDEX crm_customer_created_ix ON crm_customer (created_at, id);

CREATE TABLE crm_customer_identity (
    customer_id   BIGINT       NOT NULL,
    source_system VARCHAR(100) NOT NULL,
    external_id   VARCHAR(200) NOT NULL,
    CONSTRAINT crm_customer_identity_pk PRIMARY KEY (source_system, external_id),
    CONSTRAINT crm_customer_identity_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id)
);
CREATE INDEX crm_customer_identity_customer_ix ON crm_customer_identity (customer_id);

-- Normalized emails and phones that identify a profile. kind: EMAIL or PHONE.
CREATE TABLE crm_customer_match_key (
    customer_id   BIGINT       NOT NULL,
    kind          VARCHAR(10)  NOT NULL,
    key_value     VARCHAR(320) NOT NULL,
    CONSTRAINT crm_customer_match_key_pk PRIMARY KEY (kind, key_value),
    CONSTRAINT crm_customer_match_key_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id)
);
CREATE INDEX crm_customer_match_key_customer_ix ON crm_customer_match_key (customer_id);

-- Additional contact points (the primary email and phone are columns of crm_customer).
CREATE TABLE crm_customer_contact (
    customer_id   BIGINT       NOT NULL,
    contact_type  VARCHAR(10)  NOT NULL,
    contact_value VARCHAR(320) NOT NULL,
    label         VARCHAR(50),
    CONSTRAINT crm_customer_contact_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id)
);
CREATE INDEX crm_customer_contact_customer_ix ON crm_customer_contact (customer_id);

CREATE TABLE crm_customer_tag (
    customer_id   BIGINT       NOT NULL,
    tag           VARCHAR(100) NOT NULL,
    CONSTRAINT crm_customer_tag_pk PRIMARY KEY (customer_id, tag),
    CONSTRAINT crm_customer_tag_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id)
);
CREATE INDEX crm_customer_tag_tag_ix ON crm_customer_tag (tag, customer_id);

CREATE TABLE crm_attribute_definition (
    attr_key        VARCHAR(100)             NOT NULL,
    attr_type       VARCHAR(10)              NOT NULL,
    allowed_values  VARCHAR(4000),
    description     VARCHAR(500),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_attribute_definition_pk PRIMARY KEY (attr_key)
);

-- Attribute values: the canonical text, plus a typed copy for comparisons (segmentation).
CREATE TABLE crm_customer_attribute (
    customer_id     BIGINT        NOT NULL,
    attr_key        VARCHAR(100)  NOT NULL,
    value_text      VARCHAR(500)  NOT NULL,
    value_number    NUMERIC(30, 10),
    value_date      DATE,
    value_boolean   BOOLEAN,
    CONSTRAINT crm_customer_attribute_pk PRIMARY KEY (customer_id, attr_key),
    CONSTRAINT crm_customer_attribute_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id),
    CONSTRAINT crm_customer_attribute_definition_fk FOREIGN KEY (attr_key) REFERENCES crm_attribute_definition (attr_key)
);
CREATE INDEX crm_customer_attribute_text_ix ON crm_customer_attribute (attr_key, value_text);
CREATE INDEX crm_customer_attribute_number_ix ON crm_customer_attribute (attr_key, value_number);

-- Every consent decision ever recorded; the one in force is the latest by decided_at.
CREATE TABLE crm_consent (
    id            BIGINT                   NOT NULL,
    customer_id   BIGINT                   NOT NULL,
    channel       VARCHAR(10)              NOT NULL,
    purpose       VARCHAR(20)              NOT NULL,
    status        VARCHAR(20)              NOT NULL,
    source        VARCHAR(100)             NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    evidence      VARCHAR(1000),
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_consent_pk PRIMARY KEY (id),
    CONSTRAINT crm_consent_customer_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id)
);
CREATE INDEX crm_consent_current_ix ON crm_consent (customer_id, channel, purpose, decided_at);

-- Who changed what and when: ids only, never personal data.
CREATE TABLE crm_audit_event (
    id            BIGINT                   NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(200)             NOT NULL,
    action        VARCHAR(50)              NOT NULL,
    entity_type   VARCHAR(50)              NOT NULL,
    entity_id     VARCHAR(100)             NOT NULL,
    detail        VARCHAR(2000),
    CONSTRAINT crm_audit_event_pk PRIMARY KEY (id)
);
CREATE INDEX crm_audit_event_entity_ix ON crm_audit_event (entity_type, entity_id, occurred_at);

-- Every merge with the before-images of all profiles involved (JSON), so it can be audited and undone.
CREATE TABLE crm_customer_merge (
    id            BIGINT                   NOT NULL,
    survivor_id   BIGINT                   NOT NULL,
    merged_ids    VARCHAR(500)             NOT NULL,
    merged_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(200)             NOT NULL,
    before_image  VARCHAR(1000000)         NOT NULL,
    undone_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT crm_customer_merge_pk PRIMARY KEY (id),
    CONSTRAINT crm_customer_merge_survivor_fk FOREIGN KEY (survivor_id) REFERENCES crm_customer (id)
);
CREATE INDEX crm_customer_merge_survivor_ix ON crm_customer_merge (survivor_id);

-- After an erasure, salted hashes of the erased identifiers block re-creation from stale inbound data.
CREATE TABLE crm_erasure_block (
    kind           VARCHAR(10)              NOT NULL,
    key_hash       VARCHAR(64)              NOT NULL,
    blocked_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_erasure_block_pk PRIMARY KEY (kind, key_hash)
);

-- Possible duplicates that the deterministic rules did not merge, for review.
CREATE TABLE crm_duplicate_suggestion (
    id            BIGINT                   NOT NULL,
    customer_a    BIGINT                   NOT NULL,
    customer_b    BIGINT                   NOT NULL,
    score         INTEGER                  NOT NULL,
    reasons       VARCHAR(500)             NOT NULL,
    status        VARCHAR(10)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT crm_duplicate_suggestion_pk PRIMARY KEY (id),
    CONSTRAINT crm_duplicate_suggestion_pair_uq UNIQUE (customer_a, customer_b),
    CONSTRAINT crm_duplicate_suggestion_a_fk FOREIGN KEY (customer_a) REFERENCES crm_customer (id),
    CONSTRAINT crm_duplicate_suggestion_b_fk FOREIGN KEY (customer_b) REFERENCES crm_customer (id)
);
CREATE INDEX crm_duplicate_suggestion_status_ix ON crm_duplicate_suggestion (status, score);
