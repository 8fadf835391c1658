-- Every CRM server sharing this database records a heartbeat here (system-heartbeat route).
-- Tables carry the crm_ prefix: the database is usually shared with the host ERP.
CREATE TABLE crm_node (
    name          VARCHAR(200)             NOT NULL,
    version       VARCHAR(50)              NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeats    BIGINT                   NOT NULL,
    CONSTRAINT crm_node_pk PRIMARY KEY (name)
);

CREATE INDEX crm_node_last_seen_ix ON crm_node (last_seen_at);
