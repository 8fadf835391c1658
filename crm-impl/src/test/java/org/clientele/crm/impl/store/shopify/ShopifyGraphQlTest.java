package org.clientele.crm.impl.store.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentStatus;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.junit.jupiter.api.Test;

/**
 * The backfill's GraphQL responses (fixtures in src/test/resources/shopify/graphql shaped like the Admin API's
 * documented responses) read into the mapping's records, and the records mapped like the webhooks' ones.
 */
class ShopifyGraphQlTest {

  private static final String SHOP = "shop-a.myshopify.com";

  static String fixture(String name) {
    try (InputStream in = ShopifyGraphQlTest.class.getResourceAsStream("/shopify/graphql/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void customersPageIsReadWithPageInfoAndCost() {
    ShopifyGraphQl.Response response = ShopifyGraphQl.response(fixture("customers-page.json"));
    assertThat(response.errors()).isEmpty();
    assertThat(response.throttled()).isFalse();
    assertThat(response.cost()).isEqualTo(new ShopifyGraphQl.Cost(202.0, 12.0, 2000.0, 1988.0, 100.0));
    ShopifyGraphQl.Page<ShopifyCustomer> page = ShopifyGraphQl.customers(response.data());
    assertThat(page.hasNextPage()).isTrue();
    assertThat(page.endCursor()).startsWith("eyJsYXN0X2lkIjo3MDY0");
    assertThat(page.items()).hasSize(2);

    ShopifyCustomer bob = page.items().get(0);
    assertThat(bob.id()).isEqualTo("706405506930370084");
    assertThat(bob.email()).isEqualTo("bob@example.com");
    assertThat(bob.tags()).containsExactly("VIP", "newsletter");
    assertThat(bob.updatedAt()).isEqualTo(Instant.parse("2024-03-02T08:15:00Z"));
    assertThat(bob.defaultAddress().countryCode()).isEqualTo("US");
    assertThat(bob.emailMarketingConsent()).isEqualTo(new ShopifyConsent("subscribed", "confirmed_opt_in",
        Instant.parse("2024-02-01T10:00:00Z"), null));
    assertThat(bob.smsMarketingConsent().collectedFrom()).isEqualTo("other");

    NewCustomer registration = ShopifyMapping.customer(SHOP, bob);
    assertThat(registration.identities()).singleElement()
        .satisfies(i -> assertThat(i.externalId()).isEqualTo("706405506930370084"));
    assertThat(registration.address().region()).isEqualTo("KY");
    assertThat(registration.consents()).anySatisfy(d -> {
      assertThat(d.channel()).isEqualTo(ConsentChannel.EMAIL);
      assertThat(d.status()).isEqualTo(ConsentStatus.GRANTED);
    }).anySatisfy(d -> {
      assertThat(d.channel()).isEqualTo(ConsentChannel.SMS);
      assertThat(d.status()).isEqualTo(ConsentStatus.DENIED);
    });

    ShopifyCustomer solo = page.items().get(1);
    assertThat(solo.firstName()).isNull();
    assertThat(solo.defaultAddress()).isNull();
    assertThat(ShopifyMapping.customer(SHOP, solo).consents()).isEmpty();
  }

  @Test
  void ordersPageIsReadIntoPurchasesAndRefunds() {
    ShopifyGraphQl.Response response = ShopifyGraphQl.response(fixture("orders-page.json"));
    ShopifyGraphQl.Page<ShopifyOrder> page = ShopifyGraphQl.orders(response.data());
    assertThat(page.hasNextPage()).isFalse();
    assertThat(page.items()).hasSize(2);

    ShopifyOrder order = page.items().get(0);
    assertThat(order.id()).isEqualTo("450789469");
    assertThat(order.customer().id()).isEqualTo("706405506930370084");
    NewPurchase purchase = ShopifyMapping.purchase(SHOP, 7, order);
    assertThat(purchase.orderId()).isEqualTo("450789469");
    assertThat(purchase.currency()).isEqualTo("USD");
    assertThat(purchase.status()).isEqualTo(PurchaseStatus.PAID);
    assertThat(purchase.lines()).hasSize(2);
    assertThat(purchase.lines().get(0).sku()).isEqualTo("IPOD2008GREEN");
    assertThat(purchase.lines().get(0).name()).isEqualTo("IPod Nano - 8gb - green");
    assertThat(purchase.lines().get(0).quantity()).isEqualTo(2);
    assertThat(purchase.lines().get(0).unitPrice()).isEqualByComparingTo("199");
    assertThat(purchase.lines().get(0).discount()).isEqualByComparingTo("5");
    assertThat(purchase.lines().get(1).sku()).isEqualTo("variant:49148385");
    assertThat(purchase.discountTotal()).isEqualByComparingTo("10");
    assertThat(purchase.shippingTotal()).isEqualByComparingTo("10");
    assertThat(purchase.taxTotal()).isEqualByComparingTo("11.94");
    assertThat(purchase.sourceUpdatedAt()).isEqualTo(Instant.parse("2024-03-03T09:00:00Z"));

    List<ShopifyRefund> refunds = ShopifyGraphQl.refunds(ShopifyGraphQl.orderNodes(response.data()).get(0));
    assertThat(refunds).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo("929361462");
      assertThat(r.orderId()).isEqualTo("450789469");
      assertThat(r.amount()).isEqualByComparingTo(new BigDecimal("41.3"));
      assertThat(r.note()).isEqualTo("wrong size");
    });

    ShopifyOrder guest = page.items().get(1);
    assertThat(guest.customer()).isNull();
    assertThat(guest.email()).isEqualTo("guest@example.com");
    NewPurchase cancelled = ShopifyMapping.purchase(SHOP, 8, guest);
    assertThat(cancelled.status()).isEqualTo(PurchaseStatus.CANCELLED);
    assertThat(cancelled.taxTotal()).isEqualByComparingTo("0");
    assertThat(ShopifyGraphQl.refunds(ShopifyGraphQl.orderNodes(response.data()).get(1))).isEmpty();
  }

  @Test
  void throttledErrorIsRecognizedWithItsCost() {
    ShopifyGraphQl.Response response = ShopifyGraphQl.response(fixture("throttled.json"));
    assertThat(response.data()).isNull();
    assertThat(response.throttled()).isTrue();
    assertThat(response.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("THROTTLED"));
    assertThat(response.cost().requested()).isEqualTo(752.0);
    assertThat(response.cost().actual()).isNull();
    assertThat(response.cost().currentlyAvailable()).isEqualTo(666.0);
  }

  @Test
  void otherErrorsAndBadBodies() {
    ShopifyGraphQl.Response denied = ShopifyGraphQl.response("{\"errors\":[{\"message\":\"Access denied for"
        + " customers field.\",\"extensions\":{\"code\":\"ACCESS_DENIED\"}}],\"data\":null}");
    assertThat(denied.throttled()).isFalse();
    assertThat(denied.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));
    assertThat(ShopifyGraphQl.response("{\"errors\":\"[API] Invalid API key or access token\"}").errors())
        .singleElement().satisfies(e -> assertThat(e.code()).isNull());
    assertThatThrownBy(() -> ShopifyGraphQl.response("<html>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShopifyGraphQl.customers(Json.createObjectBuilder().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data.customers");
    JsonObject noCursor = read("{\"customers\":{\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":null},"
        + "\"nodes\":[]}}");
    assertThatThrownBy(() -> ShopifyGraphQl.customers(noCursor)).hasMessageContaining("endCursor");
  }

  @Test
  void countsIdsFiltersAndRequestBodies() {
    assertThat(ShopifyGraphQl.count(read("{\"customersCount\":{\"count\":1234,\"precision\":\"EXACT\"}}"), true))
        .isEqualTo(1234L);
    assertThat(ShopifyGraphQl.count(read("{\"ordersCount\":null}"), false)).isNull();
    assertThat(ShopifyGraphQl.numericId("gid://shopify/Customer/42")).isEqualTo("42");
    assertThat(ShopifyGraphQl.numericId("gid://shopify/LineItem/7?foo=1")).isEqualTo("7");
    assertThat(ShopifyGraphQl.filter(Instant.parse("2024-05-01T10:00:00Z")))
        .isEqualTo("updated_at:>='2024-05-01T10:00:00Z'");
    assertThat(ShopifyGraphQl.filter(null)).isNull();
    JsonObject body = read(ShopifyGraphQl.body(ShopifyGraphQl.customersQuery(), 50, "abc", null));
    assertThat(body.getString("query")).contains("customers(first: $first, after: $after, query: $query)")
        .contains("pageInfo { hasNextPage endCursor }");
    assertThat(body.getJsonObject("variables").getInt("first")).isEqualTo(50);
    assertThat(body.getJsonObject("variables").getString("after")).isEqualTo("abc");
    assertThat(body.getJsonObject("variables").containsKey("query")).isFalse();
    assertThat(ShopifyGraphQl.ordersQuery(25)).contains("lineItems(first: 25)").contains("refunds(first: 50)");
  }

  @Test
  void bulkOperationQueriesStatesAndResultLines() {
    assertThat(ShopifyGraphQl.bulkQuery(true, null)).startsWith("{ customers { edges { node { id firstName");
    assertThat(ShopifyGraphQl.bulkQuery(false, ShopifyGraphQl.filter(Instant.parse("2024-05-01T10:00:00Z"))))
        .startsWith("{ orders(query: \"updated_at:>='2024-05-01T10:00:00Z'\") { edges { node {")
        .contains("lineItems { edges { node { id sku");
    JsonObject run = read(ShopifyGraphQl.body(ShopifyGraphQl.bulkRunMutation(), null, null, "{ customers { edges"
        + " { node { id } } } }"));
    assertThat(run.getString("query")).contains("bulkOperationRunQuery(query: $query)");
    assertThat(run.getJsonObject("variables").getString("query")).startsWith("{ customers");
    assertThat(ShopifyGraphQl.bulkOperationId(read("{\"bulkOperationRunQuery\":{\"bulkOperation\":{\"id\":"
        + "\"gid://shopify/BulkOperation/720918\",\"status\":\"CREATED\"},\"userErrors\":[]}}")))
        .isEqualTo("gid://shopify/BulkOperation/720918");
    assertThatThrownBy(() -> ShopifyGraphQl.bulkOperationId(read("{\"bulkOperationRunQuery\":{\"bulkOperation\":"
        + "null,\"userErrors\":[{\"field\":[\"query\"],\"message\":\"A bulk query operation for this app and"
        + " shop is already in progress\"}]}}"))).hasMessageContaining("already in progress");
    ShopifyGraphQl.BulkOperation done = ShopifyGraphQl.bulkOperation(read("{\"node\":{\"id\":"
        + "\"gid://shopify/BulkOperation/720918\",\"status\":\"COMPLETED\",\"errorCode\":null,\"objectCount\":"
        + "\"57\",\"url\":\"https://storage.googleapis.com/shopify/bulk.jsonl\"}}"));
    assertThat(done.status()).isEqualTo("COMPLETED");
    assertThat(done.objectCount()).isEqualTo(57L);
    assertThat(done.url()).endsWith("bulk.jsonl");
    assertThat(ShopifyGraphQl.bodyWithId(ShopifyGraphQl.bulkPollQuery(), "gid://shopify/BulkOperation/1"))
        .contains("... on BulkOperation").contains("\"id\":\"gid://shopify/BulkOperation/1\"");

    JsonObject order = ShopifyGraphQl.line("{\"id\":\"gid://shopify/Order/1\",\"name\":\"#1\","
        + "\"updatedAt\":\"2024-03-01T10:00:00Z\",\"refunds\":[]}");
    JsonObject item = ShopifyGraphQl.line("{\"id\":\"gid://shopify/LineItem/9\",\"sku\":\"A\",\"title\":\"T\","
        + "\"quantity\":1,\"originalUnitPriceSet\":{\"shopMoney\":{\"amount\":\"2.50\"}},"
        + "\"__parentId\":\"gid://shopify/Order/1\"}");
    assertThat(ShopifyGraphQl.isChild(order)).isFalse();
    assertThat(ShopifyGraphQl.isChild(item)).isTrue();
    ShopifyOrder folded = ShopifyGraphQl.order(ShopifyGraphQl.withChildren(order, List.of(item)));
    assertThat(folded.lines()).singleElement().satisfies(l -> {
      assertThat(l.sku()).isEqualTo("A");
      assertThat(l.price()).isEqualByComparingTo("2.5");
    });
    assertThatThrownBy(() -> ShopifyGraphQl.line("not json")).isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonObject read(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
