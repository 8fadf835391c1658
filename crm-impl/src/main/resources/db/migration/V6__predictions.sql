-- Prediction runs (fitted model parameters and back-test) and the latest prediction per customer.
CREATE TABLE crm_prediction_run (
    id                        BIGINT                   NOT NULL,
    as_of                     TIMESTAMP WITH TIME ZONE NOT NULL,
    computed_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    horizon_days              INTEGER                  NOT NULL,
    holdout_days              INTEGER                  NOT NULL,
    currency                  CHAR(3)                  NOT NULL,
    -- fitted parameters as a JSON object, e.g. {"r":0.24,"alpha":4.4,...}
    parameters                VARCHAR(2000)            NOT NULL,
    customers_predicted       BIGINT                   NOT NULL,
    customers_skipped         BIGINT                   NOT NULL,
    backtest_mae              DOUBLE PRECISION,
    backtest_baseline_mae     DOUBLE PRECISION,
    backtest_predicted_total  DOUBLE PRECISION,
    backtest_actual_total     BIGINT,
    fit_millis                BIGINT                   NOT NULL,
    CONSTRAINT crm_prediction_run_pk PRIMARY KEY (id)
);

CREATE TABLE crm_customer_prediction (
    customer_id               BIGINT                   NOT NULL,
    run_id                    BIGINT                   NOT NULL,
    expected_gap_days         DOUBLE PRECISION         NOT NULL,
    next_order_date           DATE                     NOT NULL,
    predicted_orders          DOUBLE PRECISION         NOT NULL,
    expected_order_value      NUMERIC(19, 4)           NOT NULL,
    predicted_clv             NUMERIC(19, 4)           NOT NULL,
    churn_probability         DOUBLE PRECISION         NOT NULL,
    CONSTRAINT crm_customer_prediction_pk PRIMARY KEY (customer_id),
    CONSTRAINT crm_customer_prediction_run_fk FOREIGN KEY (run_id) REFERENCES crm_prediction_run (id)
);
CREATE INDEX crm_customer_prediction_run_ix ON crm_customer_prediction (run_id);
