-- Leader leases: a job that must run on one server at a time runs on the holder of its lease (Leadership,
-- docs/operations/cluster.md). A holder renews before expires_at; once it is past (the holder died or lost the
-- database), another server takes the lease over with a higher epoch, the fencing token: a former holder
-- renews only with its own epoch, so it can never renew a lease taken over from it.
CREATE TABLE crm_lease (
    name         VARCHAR(100)             NOT NULL,
    holder       VARCHAR(200)             NOT NULL,
    epoch        BIGINT                   NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_lease_pk PRIMARY KEY (name)
);
