package org.clientele.crm.impl.store.shopify;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The GraphQL Admin API queries of the backfill, and their responses read into the mapping's records (the same
 * {@link ShopifyCustomer}, {@link ShopifyOrder} and {@link ShopifyRefund} the webhooks produce). Pure functions.
 */
public final class ShopifyGraphQl {

  private static final String ADDRESS = "{ firstName lastName address1 address2 zip city province provinceCode"
      + " countryCodeV2 phone }";
  private static final String CUSTOMER = "id firstName lastName email phone createdAt updatedAt tags"
      + " defaultAddress " + ADDRESS
      + " emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }"
      + " smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt consentCollectedFrom }";

  private ShopifyGraphQl() {}

  /** One page of customers: variables first, after, query. */
  public static String customersQuery() {
    return "query Customers($first: Int!, $after: String, $query: String) {"
        + " customers(first: $first, after: $after, query: $query) {"
        + " pageInfo { hasNextPage endCursor } nodes { " + CUSTOMER + " } } }";
  }

  /** One page of orders with their buyer, line items (up to {@code lineItems}) and refunds. */
  public static String ordersQuery(int lineItems) {
    return "query Orders($first: Int!, $after: String, $query: String) {"
        + " orders(first: $first, after: $after, query: $query) {"
        + " pageInfo { hasNextPage endCursor } nodes { id name email phone createdAt processedAt updatedAt"
        + " cancelledAt currencyCode taxesIncluded displayFinancialStatus displayFulfillmentStatus"
        + " totalDiscountsSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }"
        + " totalShippingPriceSet { shopMoney { amount } }"
        + " customer { " + CUSTOMER + " } billingAddress " + ADDRESS
        + " lineItems(first: " + lineItems + ") { nodes { id sku title variantTitle quantity"
        + " originalUnitPriceSet { shopMoney { amount } }"
        + " discountAllocations { allocatedAmountSet { shopMoney { amount } } } variant { id } product { id } } }"
        + " refunds(first: 50) { id createdAt note totalRefundedSet { shopMoney { amount } } } } } }";
  }

  private static final String ORDER = "id name email phone createdAt processedAt updatedAt"
      + " cancelledAt currencyCode taxesIncluded displayFinancialStatus displayFulfillmentStatus"
      + " totalDiscountsSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }"
      + " totalShippingPriceSet { shopMoney { amount } }"
      + " customer { " + CUSTOMER + " } billingAddress " + ADDRESS;
  private static final String LINE = "id sku title variantTitle quantity originalUnitPriceSet { shopMoney { amount } }"
      + " discountAllocations { allocatedAmountSet { shopMoney { amount } } } variant { id } product { id }";
  private static final String REFUNDS = " refunds(first: 50) { id createdAt note totalRefundedSet { shopMoney { amount } } }";

  /**
   * The query a bulk operation runs for customers or orders (edges/node syntax; nested connections such as the
   * line items come as separate JSONL lines with {@code __parentId}).
   */
  public static String bulkQuery(boolean customers, String filter) {
    String args = filter == null ? "" : "(query: " + Json.createValue(filter).toString() + ")";
    return customers ? "{ customers" + args + " { edges { node { " + CUSTOMER + " } } } }"
        : "{ orders" + args + " { edges { node { " + ORDER + " lineItems { edges { node { " + LINE + " } } }"
            + REFUNDS + " } } } }";
  }

  /** Starts a bulk operation: variable query = {@link #bulkQuery}. */
  public static String bulkRunMutation() {
    return "mutation Run($query: String!) { bulkOperationRunQuery(query: $query) {"
        + " bulkOperation { id status } userErrors { field message } } }";
  }

  /** A bulk operation's state: variable id. */
  public static String bulkPollQuery() {
    return "query Poll($id: ID!) { node(id: $id) { ... on BulkOperation { id status errorCode objectCount url } } }";
  }

  /** A request body with one id variable. */
  public static String bodyWithId(String query, String id) {
    return Json.createObjectBuilder().add("query", query)
        .add("variables", Json.createObjectBuilder().add("id", id)).build().toString();
  }

  /**
   * The bulk operation started, from the mutation's data.
   *
   * @throws IllegalArgumentException with the user errors when Shopify refused it (e.g. one is running)
   */
  public static String bulkOperationId(JsonObject data) {
    JsonObject run = ShopifyJson.object(data, "bulkOperationRunQuery");
    List<JsonObject> userErrors = ShopifyJson.objects(run, "userErrors");
    if (!userErrors.isEmpty()) {
      throw new IllegalArgumentException("bulkOperationRunQuery refused: " + ShopifyJson.text(userErrors.get(0),
          "message"));
    }
    String id = ShopifyJson.text(ShopifyJson.object(run, "bulkOperation"), "id");
    if (id == null) {
      throw new IllegalArgumentException("bulkOperationRunQuery returned no operation");
    }
    return id;
  }

  /** A bulk operation's state: status (CREATED, RUNNING, COMPLETED, FAILED, CANCELED, EXPIRED…), url or null. */
  public record BulkOperation(String id, String status, String errorCode, Long objectCount, String url) {}

  public static BulkOperation bulkOperation(JsonObject data) {
    JsonObject node = ShopifyJson.object(data, "node");
    if (node == null) {
      throw new IllegalArgumentException("the bulk operation does not exist (any more)");
    }
    BigDecimal count = ShopifyJson.decimal(node, "objectCount");
    return new BulkOperation(ShopifyJson.text(node, "id"), ShopifyJson.text(node, "status"),
        ShopifyJson.text(node, "errorCode"), count == null ? null : count.longValue(), ShopifyJson.text(node, "url"));
  }

  /**
   * Reads a bulk result line.
   *
   * @throws IllegalArgumentException when it is not a JSON object
   */
  public static JsonObject line(String line) {
    try (JsonReader reader = Json.createReader(new StringReader(line))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new IllegalArgumentException("a bulk result line is not a JSON object");
    }
  }

  /** Whether a bulk result line is a child (a nested connection's node) of an earlier line. */
  public static boolean isChild(JsonObject line) {
    return line.containsKey("__parentId");
  }

  /**
   * An order node of a bulk result with its child lines (line items) folded in as {@code lineItems.nodes}: the
   * shape of the paged query's order nodes.
   */
  public static JsonObject withChildren(JsonObject order, List<JsonObject> children) {
    jakarta.json.JsonArrayBuilder items = Json.createArrayBuilder();
    for (JsonObject child : children) {
      String id = ShopifyJson.text(child, "id");
      if (id != null && id.contains("/LineItem/")) {
        items.add(child);
      }
    }
    return Json.createObjectBuilder(order).add("lineItems", Json.createObjectBuilder().add("nodes", items)).build();
  }

  /** The store's count of customers or orders (Shopify caps it: precision AT_LEAST beyond 10,000). */
  public static String countQuery(boolean customers) {
    return "query Count($query: String) { " + (customers ? "customersCount" : "ordersCount")
        + "(query: $query) { count precision } }";
  }

  /** The search filter of an updatedSince, or null. */
  public static String filter(Instant updatedSince) {
    return updatedSince == null ? null
        : "updated_at:>='" + DateTimeFormatter.ISO_INSTANT.format(updatedSince.atOffset(ZoneOffset.UTC)) + "'";
  }

  /** A request body: {"query": ..., "variables": {...}} (null variables left out). */
  public static String body(String query, Integer first, String after, String filter) {
    JsonObjectBuilder vars = Json.createObjectBuilder();
    if (first != null) {
      vars.add("first", first);
    }
    if (after != null) {
      vars.add("after", after);
    }
    if (filter != null) {
      vars.add("query", filter);
    }
    return Json.createObjectBuilder().add("query", query).add("variables", vars).build().toString();
  }

  /** Shopify's cost report ({@code extensions.cost}); fields absent are null. */
  public record Cost(Double requested, Double actual, Double maximumAvailable, Double currentlyAvailable,
      Double restoreRate) {}

  /** A GraphQL error: its message and {@code extensions.code} (e.g. THROTTLED), or null. */
  public record Error(String message, String code) {}

  /** A response: data (null when absent), errors, cost (null when absent). */
  public record Response(JsonObject data, List<Error> errors, Cost cost) {

    public boolean throttled() {
      return errors.stream().anyMatch(e -> "THROTTLED".equals(e.code())
          || e.message() != null && e.message().equalsIgnoreCase("throttled"));
    }
  }

  /** One page of a connection. */
  public record Page<T>(List<T> items, boolean hasNextPage, String endCursor) {}

  /** @throws IllegalArgumentException when the body is not a JSON object */
  public static Response response(String body) {
    JsonObject o;
    try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
      o = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new IllegalArgumentException("the GraphQL response is not a JSON object");
    }
    JsonObject data = ShopifyJson.object(o, "data");
    List<Error> errors = new ArrayList<>();
    JsonValue errs = o.get("errors");
    if (errs instanceof JsonArray array) {
      for (JsonValue v : array) {
        if (v instanceof JsonObject e) {
          errors.add(new Error(ShopifyJson.text(e, "message"), ShopifyJson.text(ShopifyJson.object(e, "extensions"),
              "code")));
        }
      }
    } else if (errs instanceof JsonString s) {
      errors.add(new Error(s.getString(), null));
    }
    Cost cost = null;
    JsonObject c = ShopifyJson.object(ShopifyJson.object(o, "extensions"), "cost");
    if (c != null) {
      JsonObject t = ShopifyJson.object(c, "throttleStatus");
      cost = new Cost(number(c, "requestedQueryCost"), number(c, "actualQueryCost"), number(t, "maximumAvailable"),
          number(t, "currentlyAvailable"), number(t, "restoreRate"));
    }
    return new Response(data, errors, cost);
  }

  private static Double number(JsonObject o, String name) {
    BigDecimal d = ShopifyJson.decimal(o, name);
    return d == null ? null : d.doubleValue();
  }

  public static Page<ShopifyCustomer> customers(JsonObject data) {
    JsonObject connection = connection(data, "customers");
    List<ShopifyCustomer> items = new ArrayList<>();
    for (JsonObject node : ShopifyJson.objects(connection, "nodes")) {
      items.add(customer(node));
    }
    return page(connection, items);
  }

  public static Page<ShopifyOrder> orders(JsonObject data) {
    JsonObject connection = connection(data, "orders");
    List<ShopifyOrder> items = new ArrayList<>();
    for (JsonObject node : ShopifyJson.objects(connection, "nodes")) {
      items.add(order(node));
    }
    return page(connection, items);
  }

  /** The refunds of an order node (only those the order query asked for). */
  public static List<ShopifyRefund> refunds(JsonObject orderNode) {
    List<ShopifyRefund> out = new ArrayList<>();
    String orderId = numericId(ShopifyJson.text(orderNode, "id"));
    for (JsonObject r : ShopifyJson.objects(orderNode, "refunds")) {
      out.add(new ShopifyRefund(numericId(ShopifyJson.text(r, "id")), orderId, ShopifyJson.instant(r, "createdAt"),
          null, ShopifyJson.text(r, "note"), money(r, "totalRefundedSet")));
    }
    return out;
  }

  /** The order nodes of a page (for their refunds). */
  public static List<JsonObject> orderNodes(JsonObject data) {
    return ShopifyJson.objects(connection(data, "orders"), "nodes");
  }

  /** The count of a count query, or null. */
  public static Long count(JsonObject data, boolean customers) {
    JsonObject c = ShopifyJson.object(data, customers ? "customersCount" : "ordersCount");
    BigDecimal n = ShopifyJson.decimal(c, "count");
    return n == null ? null : n.longValue();
  }

  private static JsonObject connection(JsonObject data, String name) {
    JsonObject connection = ShopifyJson.object(data, name);
    if (connection == null) {
      throw new IllegalArgumentException("the GraphQL response has no data." + name);
    }
    return connection;
  }

  private static <T> Page<T> page(JsonObject connection, List<T> items) {
    JsonObject info = ShopifyJson.object(connection, "pageInfo");
    boolean next = Boolean.TRUE.equals(ShopifyJson.bool(info, "hasNextPage"));
    String cursor = ShopifyJson.text(info, "endCursor");
    if (next && cursor == null) {
      throw new IllegalArgumentException("pageInfo.hasNextPage without an endCursor");
    }
    return new Page<>(items, next, cursor);
  }

  /** A customer node as the mapping's record (GraphQL enums lower-cased as the REST payload has them). */
  public static ShopifyCustomer customer(JsonObject n) {
    List<String> tags = new ArrayList<>();
    JsonValue t = n.get("tags");
    if (t instanceof JsonArray array) {
      for (JsonValue v : array) {
        if (v instanceof JsonString s && !s.getString().isBlank()) {
          tags.add(s.getString().trim());
        }
      }
    } else if (t instanceof JsonString s) {
      tags.addAll(ShopifyJson.tags(s.getString()));
    }
    return new ShopifyCustomer(numericId(ShopifyJson.text(n, "id")), ShopifyJson.text(n, "email"),
        ShopifyJson.text(n, "phone"), ShopifyJson.text(n, "firstName"), ShopifyJson.text(n, "lastName"),
        ShopifyJson.instant(n, "createdAt"), ShopifyJson.instant(n, "updatedAt"), tags,
        address(ShopifyJson.object(n, "defaultAddress")), consent(ShopifyJson.object(n, "emailMarketingConsent")),
        consent(ShopifyJson.object(n, "smsMarketingConsent")));
  }

  public static ShopifyOrder order(JsonObject n) {
    List<ShopifyOrder.Line> lines = new ArrayList<>();
    JsonObject items = ShopifyJson.object(n, "lineItems");
    for (JsonObject l : items == null ? List.<JsonObject>of() : ShopifyJson.objects(items, "nodes")) {
      BigDecimal discount = BigDecimal.ZERO;
      for (JsonObject a : ShopifyJson.objects(l, "discountAllocations")) {
        BigDecimal amount = money(a, "allocatedAmountSet");
        discount = discount.add(amount == null ? BigDecimal.ZERO : amount);
      }
      Integer quantity = ShopifyJson.integer(l, "quantity");
      lines.add(new ShopifyOrder.Line(numericId(ShopifyJson.text(l, "id")), blank(ShopifyJson.text(l, "sku")),
          numericId(ShopifyJson.text(ShopifyJson.object(l, "variant"), "id")),
          numericId(ShopifyJson.text(ShopifyJson.object(l, "product"), "id")), ShopifyJson.text(l, "title"),
          ShopifyJson.text(l, "variantTitle"), quantity == null ? 0 : quantity, money(l, "originalUnitPriceSet"),
          discount));
    }
    JsonObject customer = ShopifyJson.object(n, "customer");
    return new ShopifyOrder(numericId(ShopifyJson.text(n, "id")), ShopifyJson.text(n, "name"),
        ShopifyJson.text(n, "email"), ShopifyJson.text(n, "phone"), ShopifyJson.instant(n, "createdAt"),
        ShopifyJson.instant(n, "processedAt"), ShopifyJson.instant(n, "updatedAt"),
        ShopifyJson.instant(n, "cancelledAt"), ShopifyJson.text(n, "currencyCode"), money(n, "totalDiscountsSet"),
        money(n, "totalTaxSet"), Boolean.TRUE.equals(ShopifyJson.bool(n, "taxesIncluded")),
        money(n, "totalShippingPriceSet"), lower(ShopifyJson.text(n, "displayFinancialStatus")),
        lower(ShopifyJson.text(n, "displayFulfillmentStatus")),
        customer == null || ShopifyJson.text(customer, "id") == null ? null : customer(customer),
        address(ShopifyJson.object(n, "billingAddress")), lines);
  }

  static ShopifyAddress address(JsonObject a) {
    if (a == null) {
      return null;
    }
    return new ShopifyAddress(ShopifyJson.text(a, "firstName"), ShopifyJson.text(a, "lastName"),
        ShopifyJson.text(a, "address1"), ShopifyJson.text(a, "address2"), ShopifyJson.text(a, "zip"),
        ShopifyJson.text(a, "city"), ShopifyJson.text(a, "province"), ShopifyJson.text(a, "provinceCode"),
        ShopifyJson.text(a, "countryCodeV2"), ShopifyJson.text(a, "phone"));
  }

  static ShopifyConsent consent(JsonObject c) {
    if (c == null) {
      return null;
    }
    return new ShopifyConsent(lower(ShopifyJson.text(c, "marketingState")),
        lower(ShopifyJson.text(c, "marketingOptInLevel")), ShopifyJson.instant(c, "consentUpdatedAt"),
        lower(ShopifyJson.text(c, "consentCollectedFrom")));
  }

  /** {@code MoneyBag.shopMoney.amount} of a field, or null. */
  static BigDecimal money(JsonObject o, String name) {
    return ShopifyJson.decimal(ShopifyJson.object(ShopifyJson.object(o, name), "shopMoney"), "amount");
  }

  /** The numeric tail of a global id ({@code gid://shopify/Customer/123} → 123); other ids as they are. */
  public static String numericId(String gid) {
    if (gid == null) {
      return null;
    }
    int slash = gid.lastIndexOf('/');
    String tail = slash < 0 ? gid : gid.substring(slash + 1);
    int query = tail.indexOf('?');
    return query < 0 ? tail : tail.substring(0, query);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
