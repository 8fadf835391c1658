package org.clientele.crm.impl.segment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.customer.LifecycleStage;

/**
 * The profile fields rules may test, with the column each reads and its type. Only these names reach SQL,
 * and only through this table: a rule never names a column.
 */
enum ProfileField {
  GIVEN_NAME("givenName", "given_name_key", ValueType.NAME),
  FAMILY_NAME("familyName", "family_name_key", ValueType.NAME),
  EMAIL("email", "email", ValueType.TEXT),
  PHONE("phone", "phone", ValueType.TEXT),
  BIRTH_DATE("birthDate", "birth_date", ValueType.DATE),
  LANGUAGE("language", "language", ValueType.TEXT),
  COUNTRY("country", "country", ValueType.TEXT),
  REGION("region", "region", ValueType.TEXT),
  CITY("city", "city", ValueType.TEXT),
  POSTAL_CODE("postalCode", "postal_code", ValueType.TEXT),
  LIFECYCLE_STAGE("lifecycleStage", "lifecycle_stage", ValueType.ENUM),
  TAGS("tags", null, ValueType.TAGS),
  ATTENTION_SINCE("attentionSince", "attention_since", ValueType.TIMESTAMP),
  CREATED_AT("createdAt", "created_at", ValueType.TIMESTAMP),
  UPDATED_AT("updatedAt", "updated_at", ValueType.TIMESTAMP);

  private final String json;
  private final String column;
  private final ValueType type;

  ProfileField(String json, String column, ValueType type) {
    this.json = json;
    this.column = column;
    this.type = type;
  }

  String json() {
    return json;
  }

  /** The column of crm_customer (names: their lower-cased search key); null for tags. */
  String column() {
    return column;
  }

  ValueType type() {
    return type;
  }

  /** The values an enumeration field takes. */
  List<String> allowedValues() {
    return this == LIFECYCLE_STAGE ? Arrays.stream(LifecycleStage.values()).map(Enum::name).toList() : List.of();
  }

  static Optional<ProfileField> of(String json) {
    return Arrays.stream(values()).filter(f -> f.json.equals(json)).findFirst();
  }

  static List<String> names() {
    return Arrays.stream(values()).map(ProfileField::json).toList();
  }
}
