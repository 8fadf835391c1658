package org.clientele.crm.impl.store.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.NewRefund;
import org.clientele.crm.api.purchase.PurchaseLine;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * Shopify's customers, orders and refunds as CRM commands. Pure functions: the same for webhook deliveries and
 * for a later backfill. The shop's identity system and purchase source is {@code STORE:<shop-domain>}.
 */
public final class ShopifyMapping {

  private ShopifyMapping() {}

  /** The identity system and purchase source system of a shop. */
  public static String system(String shop) {
    return "STORE:" + shop;
  }

  /** A customer as a registration (upsert) with the shop's identity. */
  public static NewCustomer customer(String shop, ShopifyCustomer c) {
    List<ExternalIdentity> identities = c.id() == null ? List.of() : List.of(new ExternalIdentity(system(shop), c.id()));
    ShopifyAddress a = c.defaultAddress();
    return new NewCustomer(identities, cut(c.firstName(), 200), cut(c.lastName(), 200), c.email(), c.phone(), null,
        null, address(a), null, List.of(), new LinkedHashSet<>(c.tags().stream().map(t -> cut(t, 100)).toList()),
        null, consents(shop, c));
  }

  /**
   * A guest checkout's buyer (no customer object): the order's email and phone, the name and address from the
   * billing address (its phone is free text, often not a number: not taken).
   */
  public static NewCustomer guest(ShopifyOrder o) {
    ShopifyAddress b = o.billingAddress();
    return new NewCustomer(List.of(), b == null ? null : cut(b.firstName(), 200),
        b == null ? null : cut(b.lastName(), 200), o.email(), o.phone(), null, null, address(b), null, List.of(),
        null, null, List.of());
  }

  static Address address(ShopifyAddress a) {
    if (a == null) {
      return null;
    }
    String country = a.countryCode() != null && a.countryCode().length() == 2 ? a.countryCode() : null;
    String region = a.provinceCode() != null ? a.provinceCode() : a.province();
    if (a.address1() == null && a.city() == null && a.zip() == null && country == null) {
      return null;
    }
    return new Address(cut(a.address1(), 200), cut(a.address2(), 200), cut(a.zip(), 20), cut(a.city(), 100),
        cut(region, 100), country);
  }

  /**
   * Email and SMS marketing consent as decisions at Shopify's {@code consent_updated_at}: subscribed → GRANTED,
   * pending → PENDING, unsubscribed → WITHDRAWN, not_subscribed → DENIED, redacted → WITHDRAWN (the store
   * erased it: no contact); invalid (an unreachable address, not a choice of the customer) and states without a
   * consent_updated_at give no decision.
   */
  static List<ConsentDecision> consents(String shop, ShopifyCustomer c) {
    List<ConsentDecision> out = new ArrayList<>();
    decision(shop, ConsentChannel.EMAIL, c.emailMarketingConsent()).ifPresent(out::add);
    decision(shop, ConsentChannel.SMS, c.smsMarketingConsent()).ifPresent(out::add);
    return out;
  }

  static Optional<ConsentDecision> decision(String shop, ConsentChannel channel, ShopifyConsent consent) {
    if (consent == null || consent.state() == null || consent.updatedAt() == null) {
      return Optional.empty();
    }
    ConsentStatus status = switch (consent.state().toLowerCase(Locale.ROOT)) {
      case "subscribed" -> ConsentStatus.GRANTED;
      case "pending" -> ConsentStatus.PENDING;
      case "unsubscribed", "redacted" -> ConsentStatus.WITHDRAWN;
      case "not_subscribed" -> ConsentStatus.DENIED;
      default -> null;
    };
    if (status == null) {
      return Optional.empty();
    }
    String evidence = "shopify " + (channel == ConsentChannel.EMAIL ? "email" : "sms") + "_marketing_consent state="
        + consent.state() + (consent.optInLevel() == null ? "" : " opt_in_level=" + consent.optInLevel())
        + (consent.collectedFrom() == null ? "" : " collected_from=" + consent.collectedFrom());
    return Optional.of(new ConsentDecision(channel, ConsentPurpose.MARKETING, status, system(shop),
        consent.updatedAt(), cut(evidence, 1000)));
  }

  /**
   * An order as one purchase version: lines with their allocated discounts, the rest of total_discounts as the
   * order discount, shipping, tax (0 when prices include it), placed at created_at, versioned by updated_at.
   */
  public static NewPurchase purchase(String shop, long customerId, ShopifyOrder o) {
    List<PurchaseLine> lines = new ArrayList<>();
    BigDecimal lineDiscounts = BigDecimal.ZERO;
    for (ShopifyOrder.Line l : o.lines()) {
      if (l.quantity() < 1) {
        continue;
      }
      String sku = l.sku() != null ? l.sku() : l.variantId() != null ? "variant:" + l.variantId()
          : l.productId() != null ? "product:" + l.productId() : "line:" + l.id();
      String name = l.variantTitle() == null ? l.title() : l.title() + " - " + l.variantTitle();
      BigDecimal discount = amount(l.discount());
      lineDiscounts = lineDiscounts.add(discount);
      lines.add(new PurchaseLine(cut(sku, 100), cut(name, 300), null, l.quantity(), amount(l.price()), discount));
    }
    BigDecimal orderDiscount = amount(o.totalDiscounts()).subtract(lineDiscounts).max(BigDecimal.ZERO);
    Instant placed = o.createdAt() != null ? o.createdAt() : o.processedAt();
    Instant updated = o.updatedAt() != null ? o.updatedAt() : placed;
    return new NewPurchase(customerId, system(shop), o.id(), status(o), o.currency(), placed, updated, lines,
        amount(orderDiscount), amount(o.shippingTotal()), o.taxesIncluded() ? BigDecimal.ZERO : amount(o.totalTax()));
  }

  /**
   * cancelled_at → CANCELLED; fulfillment_status fulfilled → FULFILLED; financial_status paid,
   * partially_refunded or refunded → PAID (refunds/create records the refunds, and the CRM turns a purchase
   * refunded in full to REFUNDED itself); anything else (pending, authorized, partially_paid, voided) → PLACED.
   */
  static PurchaseStatus status(ShopifyOrder o) {
    if (o.cancelledAt() != null) {
      return PurchaseStatus.CANCELLED;
    }
    if ("fulfilled".equalsIgnoreCase(o.fulfillmentStatus())) {
      return PurchaseStatus.FULFILLED;
    }
    String financial = o.financialStatus() == null ? "" : o.financialStatus().toLowerCase(Locale.ROOT);
    return switch (financial) {
      case "paid", "partially_refunded", "refunded" -> PurchaseStatus.PAID;
      default -> PurchaseStatus.PLACED;
    };
  }

  public static NewRefund refund(ShopifyRefund r) {
    Instant at = r.processedAt() != null ? r.processedAt() : r.createdAt();
    return new NewRefund(r.id(), amount(r.amount()), at == null ? Instant.now() : at, cut(r.note(), 500));
  }

  /** Without trailing zeros (Shopify writes "10.00" also for currencies without minor units). */
  static BigDecimal amount(BigDecimal d) {
    if (d == null) {
      return BigDecimal.ZERO;
    }
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
