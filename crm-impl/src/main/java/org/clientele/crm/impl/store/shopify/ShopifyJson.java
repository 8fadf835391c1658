package org.clientele.crm.impl.store.shopify;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Shopify's REST-shaped webhook JSON into the mapping's records. Lenient about absent and null fields
 * (Shopify's own test deliveries leave many null); strict about types it cannot read (IllegalArgumentException
 * naming the field).
 */
public final class ShopifyJson {

  private ShopifyJson() {}

  public static ShopifyCustomer customer(JsonObject o) {
    return new ShopifyCustomer(text(o, "id"), text(o, "email"), text(o, "phone"), text(o, "first_name"),
        text(o, "last_name"), instant(o, "created_at"), instant(o, "updated_at"), tags(text(o, "tags")),
        address(object(o, "default_address")), consent(object(o, "email_marketing_consent")),
        consent(object(o, "sms_marketing_consent")));
  }

  public static ShopifyOrder order(JsonObject o) {
    List<ShopifyOrder.Line> lines = new ArrayList<>();
    for (JsonObject l : objects(o, "line_items")) {
      BigDecimal discount = BigDecimal.ZERO;
      for (JsonObject a : objects(l, "discount_allocations")) {
        discount = discount.add(orZero(decimal(a, "amount")));
      }
      Integer quantity = integer(l, "quantity");
      lines.add(new ShopifyOrder.Line(text(l, "id"), text(l, "sku"), text(l, "variant_id"), text(l, "product_id"),
          text(l, "title"), text(l, "variant_title"), quantity == null ? 0 : quantity, decimal(l, "price"),
          discount));
    }
    BigDecimal shipping = null;
    JsonObject shippingSet = object(o, "total_shipping_price_set");
    if (shippingSet != null) {
      shipping = decimal(object(shippingSet, "shop_money"), "amount");
    }
    if (shipping == null) {
      for (JsonObject s : objects(o, "shipping_lines")) {
        shipping = orZero(shipping).add(orZero(decimal(s, "price")));
      }
    }
    JsonObject customer = object(o, "customer");
    return new ShopifyOrder(text(o, "id"), text(o, "name"), text(o, "email"), text(o, "phone"),
        instant(o, "created_at"), instant(o, "processed_at"), instant(o, "updated_at"), instant(o, "cancelled_at"),
        text(o, "currency"), decimal(o, "total_discounts"), decimal(o, "total_tax"),
        Boolean.TRUE.equals(bool(o, "taxes_included")), shipping, text(o, "financial_status"),
        text(o, "fulfillment_status"), customer == null || text(customer, "id") == null ? null : customer(customer),
        address(object(o, "billing_address")), lines);
  }

  public static ShopifyRefund refund(JsonObject o) {
    BigDecimal transactions = BigDecimal.ZERO;
    for (JsonObject t : objects(o, "transactions")) {
      String status = text(t, "status");
      if ("refund".equals(text(t, "kind")) && (status == null || "success".equals(status))) {
        transactions = transactions.add(orZero(decimal(t, "amount")));
      }
    }
    BigDecimal lines = BigDecimal.ZERO;
    for (JsonObject l : objects(o, "refund_line_items")) {
      lines = lines.add(orZero(decimal(l, "subtotal"))).add(orZero(decimal(l, "total_tax")));
    }
    return new ShopifyRefund(text(o, "id"), text(o, "order_id"), instant(o, "created_at"),
        instant(o, "processed_at"), text(o, "note"), transactions.signum() > 0 ? transactions : lines);
  }

  static ShopifyAddress address(JsonObject a) {
    if (a == null) {
      return null;
    }
    return new ShopifyAddress(text(a, "first_name"), text(a, "last_name"), text(a, "address1"),
        text(a, "address2"), text(a, "zip"), text(a, "city"), text(a, "province"), text(a, "province_code"),
        text(a, "country_code"), text(a, "phone"));
  }

  static ShopifyConsent consent(JsonObject c) {
    if (c == null) {
      return null;
    }
    return new ShopifyConsent(text(c, "state"), text(c, "opt_in_level"), instant(c, "consent_updated_at"),
        text(c, "consent_collected_from"));
  }

  static List<String> tags(String tags) {
    if (tags == null || tags.isBlank()) {
      return List.of();
    }
    return Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
  }

  /** A string or number as text; null when absent, null or blank. */
  public static String text(JsonObject o, String name) {
    if (o == null) {
      return null;
    }
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    String s = switch (v.getValueType()) {
      case STRING -> ((JsonString) v).getString();
      case NUMBER -> ((JsonNumber) v).bigDecimalValue().toPlainString();
      case TRUE, FALSE -> v.toString();
      default -> throw new IllegalArgumentException(name + " must be a string or number");
    };
    return s.isBlank() ? null : s.trim();
  }

  public static JsonObject object(JsonObject o, String name) {
    if (o == null) {
      return null;
    }
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new IllegalArgumentException(name + " must be an object");
    }
    return v.asJsonObject();
  }

  public static List<JsonObject> objects(JsonObject o, String name) {
    JsonValue v = o == null ? null : o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new IllegalArgumentException(name + " must be an array");
    }
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue e : (JsonArray) v) {
      if (e.getValueType() == JsonValue.ValueType.OBJECT) {
        out.add(e.asJsonObject());
      }
    }
    return out;
  }

  /** An array of ids (numbers or strings) as text. */
  public static List<String> ids(JsonObject o, String name) {
    JsonValue v = o == null ? null : o.get(name);
    if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonValue e : (JsonArray) v) {
      if (e instanceof JsonNumber n) {
        out.add(n.bigDecimalValue().toPlainString());
      } else if (e instanceof JsonString s && !s.getString().isBlank()) {
        out.add(s.getString().trim());
      }
    }
    return out;
  }

  static BigDecimal decimal(JsonObject o, String name) {
    String s = text(o, name);
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a decimal number");
    }
  }

  static Integer integer(JsonObject o, String name) {
    BigDecimal d = decimal(o, name);
    try {
      return d == null ? null : d.intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
  }

  static Boolean bool(JsonObject o, String name) {
    JsonValue v = o == null ? null : o.get(name);
    if (v == null) {
      return null;
    }
    return switch (v.getValueType()) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  /** ISO-8601 with offset, as Shopify writes them ({@code 2021-12-31T19:00:00-05:00}); null when absent. */
  static Instant instant(JsonObject o, String name) {
    String s = text(o, name);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(name + " must be an ISO-8601 date-time with offset");
      }
    }
  }

  private static BigDecimal orZero(BigDecimal d) {
    return d == null ? BigDecimal.ZERO : d;
  }
}
