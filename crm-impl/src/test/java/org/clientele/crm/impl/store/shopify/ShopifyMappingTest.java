package org.clientele.crm.impl.store.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.NewRefund;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.junit.jupiter.api.Test;

/** The mapping on payloads shaped like Shopify's documented webhook examples (src/test/resources/shopify). */
class ShopifyMappingTest {

  private static final String SHOP = "shop-a.myshopify.com";

  static JsonObject fixture(String name) {
    try (InputStream in = ShopifyMappingTest.class.getResourceAsStream("/shopify/" + name);
        JsonReader reader = Json.createReader(in)) {
      return reader.readObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void customerBecomesARegistrationWithTheShopsIdentity() {
    ShopifyCustomer c = ShopifyJson.customer(fixture("customers-update.json"));
    assertThat(c.id()).isEqualTo("706405506930370084");
    assertThat(c.updatedAt()).isEqualTo(Instant.parse("2022-01-05T15:12:30Z"));

    NewCustomer n = ShopifyMapping.customer(SHOP, c);
    assertThat(n.identities()).containsExactly(new ExternalIdentity("STORE:shop-a.myshopify.com",
        "706405506930370084"));
    assertThat(n.givenName()).isEqualTo("Bob");
    assertThat(n.familyName()).isEqualTo("Biller");
    assertThat(n.email()).isEqualTo("bob@biller.com");
    assertThat(n.phone()).isEqualTo("+16136120707");
    assertThat(n.tags()).containsExactlyInAnyOrder("Loyal", "VIP", "newsletter");
    assertThat(n.address().line1()).isEqualTo("151 O'Connor Street");
    assertThat(n.address().line2()).isEqualTo("Suite 4");
    assertThat(n.address().postalCode()).isEqualTo("K2P 2L8");
    assertThat(n.address().city()).isEqualTo("Ottawa");
    assertThat(n.address().region()).isEqualTo("ON");
    assertThat(n.address().country()).isEqualTo("CA");
  }

  @Test
  void marketingConsentsBecomeDecisionsAtShopifysTime() {
    NewCustomer n = ShopifyMapping.customer(SHOP, ShopifyJson.customer(fixture("customers-update.json")));
    assertThat(n.consents()).containsExactlyInAnyOrder(
        new ConsentDecision(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, ConsentStatus.GRANTED,
            "STORE:shop-a.myshopify.com", Instant.parse("2022-01-04T13:00:00Z"),
            "shopify email_marketing_consent state=subscribed opt_in_level=confirmed_opt_in"),
        new ConsentDecision(ConsentChannel.SMS, ConsentPurpose.MARKETING, ConsentStatus.WITHDRAWN,
            "STORE:shop-a.myshopify.com", Instant.parse("2022-01-03T14:30:00Z"),
            "shopify sms_marketing_consent state=unsubscribed opt_in_level=single_opt_in collected_from=SHOPIFY"));
  }

  @Test
  void consentStatesMapAsDocumented() {
    Instant at = Instant.parse("2024-05-01T10:00:00Z");
    assertThat(status("subscribed", at)).isEqualTo(ConsentStatus.GRANTED);
    assertThat(status("pending", at)).isEqualTo(ConsentStatus.PENDING);
    assertThat(status("unsubscribed", at)).isEqualTo(ConsentStatus.WITHDRAWN);
    assertThat(status("redacted", at)).isEqualTo(ConsentStatus.WITHDRAWN);
    assertThat(status("not_subscribed", at)).isEqualTo(ConsentStatus.DENIED);
    assertThat(status("invalid", at)).isNull();
    // no consent_updated_at: no decision (an undated decision could override a newer one elsewhere)
    assertThat(status("subscribed", null)).isNull();
  }

  private static ConsentStatus status(String state, Instant at) {
    return ShopifyMapping.decision(SHOP, ConsentChannel.EMAIL, new ShopifyConsent(state, null, at, null))
        .map(ConsentDecision::status).orElse(null);
  }

  @Test
  void orderBecomesAPurchaseVersion() {
    ShopifyOrder o = ShopifyJson.order(fixture("orders-create.json"));
    assertThat(o.customer().id()).isEqualTo("115310627314723954");
    NewPurchase p = ShopifyMapping.purchase(SHOP, 42, o);
    assertThat(p.customerId()).isEqualTo(42);
    assertThat(p.sourceSystem()).isEqualTo("STORE:shop-a.myshopify.com");
    assertThat(p.orderId()).isEqualTo("820982911946154508");
    assertThat(p.status()).isEqualTo(PurchaseStatus.PAID);
    assertThat(p.currency()).isEqualTo("USD");
    assertThat(p.placedAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
    assertThat(p.sourceUpdatedAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
    assertThat(p.lines()).hasSize(2);
    assertThat(p.lines().get(0).sku()).isEqualTo("IPOD2008PINK");
    assertThat(p.lines().get(0).unitPrice()).isEqualByComparingTo("199");
    assertThat(p.lines().get(0).discount()).isEqualByComparingTo("10");
    // an empty sku falls back to the variant id
    assertThat(p.lines().get(1).sku()).isEqualTo("variant:808950810");
    assertThat(p.lines().get(1).name()).isEqualTo("IPod Nano - 8GB - Pink");
    // total_discounts 20 = 10 allocated to line 1 + 10 on the order
    assertThat(p.discountTotal()).isEqualByComparingTo("10");
    assertThat(p.shippingTotal()).isEqualByComparingTo("15");
    assertThat(p.taxTotal()).isEqualByComparingTo("0");
  }

  @Test
  void orderStatusFollowsCancellationFulfilmentAndPayment() {
    ShopifyOrder o = ShopifyJson.order(fixture("orders-create.json"));
    assertThat(ShopifyMapping.status(with(o, null, "fulfilled", "paid"))).isEqualTo(PurchaseStatus.FULFILLED);
    assertThat(ShopifyMapping.status(with(o, Instant.now(), "fulfilled", "paid"))).isEqualTo(PurchaseStatus.CANCELLED);
    assertThat(ShopifyMapping.status(with(o, null, null, "pending"))).isEqualTo(PurchaseStatus.PLACED);
    assertThat(ShopifyMapping.status(with(o, null, null, "partially_refunded"))).isEqualTo(PurchaseStatus.PAID);
  }

  private static ShopifyOrder with(ShopifyOrder o, Instant cancelled, String fulfilment, String financial) {
    return new ShopifyOrder(o.id(), o.name(), o.email(), o.phone(), o.createdAt(), o.processedAt(), o.updatedAt(),
        cancelled, o.currency(), o.totalDiscounts(), o.totalTax(), o.taxesIncluded(), o.shippingTotal(), financial,
        fulfilment, o.customer(), o.billingAddress(), o.lines());
  }

  @Test
  void pricesIncludingTaxGiveNoTaxTotal() {
    ShopifyOrder o = ShopifyJson.order(fixture("orders-create.json"));
    ShopifyOrder included = new ShopifyOrder(o.id(), o.name(), o.email(), o.phone(), o.createdAt(),
        o.processedAt(), o.updatedAt(), null, o.currency(), o.totalDiscounts(), new BigDecimal("12.34"), true,
        o.shippingTotal(), "paid", null, o.customer(), o.billingAddress(), o.lines());
    assertThat(ShopifyMapping.purchase(SHOP, 1, included).taxTotal()).isEqualByComparingTo("0");
  }

  @Test
  void guestCheckoutBuyerComesFromTheOrder() {
    ShopifyOrder o = ShopifyJson.order(fixture("orders-create.json"));
    NewCustomer guest = ShopifyMapping.guest(o);
    assertThat(guest.identities()).isEmpty();
    assertThat(guest.email()).isEqualTo("jon@example.com");
    assertThat(guest.givenName()).isEqualTo("Steve");
    assertThat(guest.phone()).isNull();
    assertThat(guest.address().country()).isEqualTo("US");
  }

  @Test
  void refundAmountIsTheRefundedLinesWhenThereAreNoTransactions() {
    ShopifyRefund r = ShopifyJson.refund(fixture("refunds-create.json"));
    assertThat(r.orderId()).isEqualTo("820982911946154508");
    NewRefund n = ShopifyMapping.refund(r);
    assertThat(n.refundId()).isEqualTo("890088186047892319");
    assertThat(n.amount()).isEqualByComparingTo("189");
    assertThat(n.refundedAt()).isEqualTo(Instant.parse("2022-01-02T15:00:00Z"));
    assertThat(n.reason()).isEqualTo("Things were damaged");
  }

  @Test
  void refundAmountIsTheSuccessfulRefundTransactions() {
    JsonObject refund = Json.createObjectBuilder(fixture("refunds-create.json"))
        .add("transactions", Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("id", 1).add("kind", "refund").add("status", "success")
                .add("amount", "50.00"))
            .add(Json.createObjectBuilder().add("id", 2).add("kind", "refund").add("status", "failure")
                .add("amount", "50.00"))
            .add(Json.createObjectBuilder().add("id", 3).add("kind", "refund").add("status", "success")
                .add("amount", "25.50")))
        .build();
    assertThat(ShopifyJson.refund(refund).amount()).isEqualByComparingTo("75.50");
  }

  @Test
  void privacyPayloadIdsAreRead() {
    JsonObject redact = fixture("customers-redact.json");
    assertThat(ShopifyJson.text(ShopifyJson.object(redact, "customer"), "id")).isEqualTo("191167");
    assertThat(ShopifyJson.ids(redact, "orders_to_redact")).containsExactly("299938", "280263", "220458");
    JsonObject request = fixture("customers-data_request.json");
    assertThat(ShopifyJson.text(ShopifyJson.object(request, "data_request"), "id")).isEqualTo("9999");
    assertThat(ShopifyJson.ids(request, "orders_requested")).hasSize(3);
  }
}
