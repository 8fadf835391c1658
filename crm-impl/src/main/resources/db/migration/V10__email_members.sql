-- Email-marketing members: per customer and audience of a platform (Mailchimp's list), the address the member
-- has there and the platform's status as last known, so that an email change updates the same member and
-- nobody who unsubscribed on the platform is subscribed again without a newer opt-in. See
-- docs/integration/mailchimp.md. Rows go with the customer's erasure.
CREATE TABLE crm_email_member (
    platform        VARCHAR(30)              NOT NULL,
    audience        VARCHAR(100)             NOT NULL,
    customer_id     BIGINT                   NOT NULL,
    email           VARCHAR(320)             NOT NULL,
    -- the platform's key of the member (Mailchimp: MD5 of the lower-cased email)
    member_key      VARCHAR(100)             NOT NULL,
    status          VARCHAR(30),
    status_at       TIMESTAMP WITH TIME ZONE,
    -- the platform's own "last changed" of the member as of the last sync: a later one means it changed there
    changed_at      TIMESTAMP WITH TIME ZONE,
    synced_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_email_member_pk PRIMARY KEY (platform, audience, customer_id)
);
CREATE INDEX crm_email_member_customer_ix ON crm_email_member (customer_id);
