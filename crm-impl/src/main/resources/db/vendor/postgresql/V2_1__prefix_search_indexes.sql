-- PostgreSQL only: prefix searches (LIKE 'abc%') use a B-tree index only under the C collation, which
-- production databases rarely have; pattern_ops indexes serve them under any collation.
-- H2 uses the plain indexes of V2 for the same queries, so it has no counterpart of this script.
CREATE INDEX crm_customer_given_pattern_ix ON crm_customer (given_name_key varchar_pattern_ops);
CREATE INDEX crm_customer_family_pattern_ix ON crm_customer (family_name_key varchar_pattern_ops);
CREATE INDEX crm_customer_full_name_pattern_ix ON crm_customer (full_name_key varchar_pattern_ops);
CREATE INDEX crm_customer_phone_pattern_ix ON crm_customer (phone varchar_pattern_ops);
CREATE INDEX crm_customer_contact_value_pattern_ix ON crm_customer_contact (contact_value varchar_pattern_ops);
