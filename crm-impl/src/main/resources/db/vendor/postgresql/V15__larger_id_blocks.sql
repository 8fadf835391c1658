-- Bulk paths (batch registration and ingest, purchases, their consents and audit events) take ids 500 at a time.
-- EclipseLink's allocationSize equals the increment: it uses the block nextval - 499 .. nextval, and refuses a
-- nextval below 500. A used sequence's next value (last + 500) is then above every id handed out before; an unused
-- one (still at its start value, 50) is moved so that its first value is 550, not 50.
ALTER SEQUENCE crm_customer_seq INCREMENT BY 500;
ALTER SEQUENCE crm_consent_seq INCREMENT BY 500;
ALTER SEQUENCE crm_audit_seq INCREMENT BY 500;
ALTER SEQUENCE crm_interaction_seq INCREMENT BY 500;
ALTER SEQUENCE crm_purchase_seq INCREMENT BY 500;
SELECT setval('crm_customer_seq', last_value, true) FROM crm_customer_seq WHERE NOT is_called;
SELECT setval('crm_consent_seq', last_value, true) FROM crm_consent_seq WHERE NOT is_called;
SELECT setval('crm_audit_seq', last_value, true) FROM crm_audit_seq WHERE NOT is_called;
SELECT setval('crm_interaction_seq', last_value, true) FROM crm_interaction_seq WHERE NOT is_called;
SELECT setval('crm_purchase_seq', last_value, true) FROM crm_purchase_seq WHERE NOT is_called;
