-- Engagement import from an email platform's reports (Mailchimp: /reports/{campaign}/email-activity, sent-to,
-- unsubscribed): the checkpoint per campaign and the state of the periodic run per audience. The activities become
-- interactions, idempotent by their own key, so a lost or repeated checkpoint costs a re-read, never a duplicate.
-- See docs/integration/mailchimp.md#engagement-import.
CREATE TABLE crm_email_engagement_campaign (
    platform        VARCHAR(30)              NOT NULL,
    audience        VARCHAR(100)             NOT NULL,
    campaign_id     VARCHAR(100)             NOT NULL,
    title           VARCHAR(300),
    send_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the next read of the campaign's activity asks for activity since this instant (NULL: all of it)
    activity_since  TIMESTAMP WITH TIME ZONE,
    -- the recipients (sent-to) were read completely
    sent_to_done    BOOLEAN                  NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_email_engagement_campaign_pk PRIMARY KEY (platform, audience, campaign_id)
);

CREATE TABLE crm_email_engagement_run (
    platform             VARCHAR(30)              NOT NULL,
    audience             VARCHAR(100)             NOT NULL,
    -- an operator asked for a run now (POST .../engagement-import): due while newer than last_started_at
    requested_at         TIMESTAMP WITH TIME ZONE,
    last_started_at      TIMESTAMP WITH TIME ZONE,
    last_finished_at     TIMESTAMP WITH TIME ZONE,
    last_outcome         VARCHAR(10),
    last_error           VARCHAR(1000),
    -- runs that ended in RETRY or FAILED since the last OK or PARTIAL one: the backoff's exponent
    consecutive_failures INTEGER                  NOT NULL,
    last_campaigns       INTEGER                  NOT NULL,
    last_recorded        BIGINT                   NOT NULL,
    last_duplicates      BIGINT                   NOT NULL,
    last_unknown         BIGINT                   NOT NULL,
    last_errors          BIGINT                   NOT NULL,
    recorded_total       BIGINT                   NOT NULL,
    duplicates_total     BIGINT                   NOT NULL,
    unknown_total        BIGINT                   NOT NULL,
    errors_total         BIGINT                   NOT NULL,
    runs_total           BIGINT                   NOT NULL,
    CONSTRAINT crm_email_engagement_run_pk PRIMARY KEY (platform, audience),
    CONSTRAINT crm_email_engagement_run_outcome_ck
        CHECK (last_outcome IS NULL OR last_outcome IN ('RUNNING', 'OK', 'PARTIAL', 'RETRY', 'FAILED'))
);
