package org.clientele.crm.datagen;

import java.util.List;

/** The tables the generator fills, with the columns it writes (COPY text format, in this order). */
public enum Table {
  CUSTOMER("crm_customer", "id, version, given_name, family_name, given_name_key, family_name_key, full_name_key,"
      + " email, email_local, phone, birth_date, language, address_line1, address_line2, postal_code, city, region,"
      + " country, lifecycle_stage, status, created_at, updated_at"),
  IDENTITY("crm_customer_identity", "customer_id, source_system, external_id"),
  MATCH_KEY("crm_customer_match_key", "customer_id, kind, key_value"),
  TAG("crm_customer_tag", "customer_id, tag"),
  CONSENT("crm_consent", "id, customer_id, channel, purpose, status, source, decided_at, evidence, recorded_at"),
  STORE_CUSTOMER("crm_store_customer", "store, shop, store_customer_id, customer_id, source_updated_at, state"),
  EMAIL_MEMBER("crm_email_member", "platform, audience, customer_id, email, member_key, status, status_at,"
      + " changed_at, synced_at"),
  CONVERSATION("crm_conversation", "id, customer_id, subject, status, assigned_agent, channels, opened_at,"
      + " first_response_at, last_response_at, resolved_at, last_activity_at, waiting_since, interaction_count,"
      + " reopen_count, version"),
  INTERACTION("crm_interaction", "id, customer_id, channel, interaction_type, direction, occurred_at, subject,"
      + " summary, attributes, agent, source_system, source_event_id, recorded_at, conversation_id"),
  PURCHASE("crm_purchase", "id, version, customer_id, source_system, order_id, status, currency, placed_at,"
      + " source_updated_at, subtotal, discount_total, shipping_total, tax_total, total, refunded_total, net_total,"
      + " created_at, updated_at"),
  PURCHASE_LINE("crm_purchase_line", "purchase_id, line_no, sku, name, category, quantity, unit_price, discount,"
      + " line_total"),
  PURCHASE_STATUS("crm_purchase_status", "purchase_id, status, changed_at, recorded_at"),
  PURCHASE_REFUND("crm_purchase_refund", "purchase_id, refund_id, amount, refunded_at, reason, recorded_at");

  private final String table;
  private final String columns;

  Table(String table, String columns) {
    this.table = table;
    this.columns = columns;
  }

  public String table() {
    return table;
  }

  public String copySql() {
    return "COPY " + table + " (" + columns + ") FROM STDIN";
  }

  public static List<Table> all() {
    return List.of(values());
  }
}
