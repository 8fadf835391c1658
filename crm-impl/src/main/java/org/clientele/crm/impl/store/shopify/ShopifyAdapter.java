package org.clientele.crm.impl.store.shopify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.clientele.crm.api.customer.CustomerExport;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.RecentlyErasedException;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.purchase.PurchaseOutcome;
import org.clientele.crm.api.purchase.PurchaseRecording;
import org.clientele.crm.api.purchase.PurchaseService;
import org.clientele.crm.impl.persistence.JsonBinding;
import org.clientele.crm.impl.store.ApplyResult;
import org.clientele.crm.impl.store.DeliveryEnvelope;
import org.clientele.crm.impl.store.PrivacyCalls;
import org.clientele.crm.impl.store.StoreAdapter;
import org.clientele.crm.impl.store.StoreCustomerLink;
import org.clientele.crm.impl.store.StoreCustomerLink.State;
import org.clientele.crm.impl.store.StoreData;
import org.clientele.crm.impl.store.StoredDelivery;
import org.clientele.crm.impl.store.WebhookHeaders;
import org.eclipse.microprofile.config.Config;

/** Shopify webhooks: HMAC per shop, the X-Shopify-* envelope, and each topic applied to the CRM. */
@ApplicationScoped
public class ShopifyAdapter implements StoreAdapter {

  public static final String KIND = "shopify";

  static final String HMAC = "X-Shopify-Hmac-Sha256";
  static final String SHOP = "X-Shopify-Shop-Domain";
  static final String TOPIC = "X-Shopify-Topic";
  static final String EVENT = "X-Shopify-Event-Id";
  static final String WEBHOOK = "X-Shopify-Webhook-Id";
  static final String TRIGGERED = "X-Shopify-Triggered-At";
  static final String VERSION = "X-Shopify-API-Version";

  /** The topics processed; the privacy topics are the three Shopify makes mandatory. */
  public static final Set<String> TOPICS = Set.of("customers/create", "customers/update", "customers/delete",
      "orders/create", "orders/updated", "orders/paid", "orders/cancelled", "refunds/create",
      "customers/data_request", "customers/redact", "shop/redact");

  @Inject Config config;

  @Inject CustomerService customers;

  @Inject PurchaseService purchases;

  @Inject PrivacyCalls privacy;

  @Inject StoreData data;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public long maxBodyBytes() {
    return config.getOptionalValue("crm.store.shopify.max-body-bytes", Long.class).orElse(1_048_576L);
  }

  ShopifyShops shops() {
    return new ShopifyShops(key -> config.getOptionalValue(key, String.class));
  }

  @Override
  public Optional<String> authenticate(WebhookHeaders headers, byte[] body) {
    Optional<String> shop = headers.lowerCase(SHOP);
    if (shop.isEmpty()) {
      return Optional.empty();
    }
    List<String> secrets = shops().secrets(shop.get());
    return ShopifyHmac.verify(body, headers.get(HMAC).orElse(null), secrets) ? shop : Optional.empty();
  }

  @Override
  public DeliveryEnvelope envelope(String shop, WebhookHeaders h) {
    String topic = h.require(TOPIC).toLowerCase(java.util.Locale.ROOT);
    String event = h.require(EVENT);
    if (event.length() > 200 || topic.length() > 100) {
      throw new IllegalArgumentException("header " + (event.length() > 200 ? EVENT : TOPIC) + " is too long");
    }
    return new DeliveryEnvelope(KIND, shop, topic, event, h.get(WEBHOOK).map(v -> cut(v, 200)).orElse(null),
        h.get(TRIGGERED).map(ShopifyAdapter::instant).orElse(null), h.get(VERSION).map(v -> cut(v, 30)).orElse(null));
  }

  private static Instant instant(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public String shopHeader(WebhookHeaders h) {
    return safe(h.get(SHOP).orElse(null));
  }

  @Override
  public String topicHeader(WebhookHeaders h) {
    return h.get(TOPIC).map(t -> safe(t.toLowerCase(java.util.Locale.ROOT))).orElse(null);
  }

  @Override
  public String eventHeader(WebhookHeaders h) {
    return safe(h.get(EVENT).orElse(null));
  }

  /** Header values for logs: sender-controlled, so only plain characters and bounded. */
  private static String safe(String v) {
    return v == null ? null : cut(v.replaceAll("[^A-Za-z0-9._:/@-]", "?"), 100);
  }

  @Override
  public boolean supports(String topic) {
    return TOPICS.contains(topic);
  }

  @Override
  public boolean isShopRedaction(String topic) {
    return "shop/redact".equals(topic);
  }

  @Override
  public ApplyResult apply(StoredDelivery d, JsonObject payload) {
    return switch (d.topic()) {
      case "customers/create", "customers/update" -> upsert(d.shop(), ShopifyJson.customer(payload)).result();
      case "customers/delete" -> deleteCustomer(d.shop(), ShopifyJson.text(payload, "id"));
      case "orders/create", "orders/updated", "orders/paid", "orders/cancelled" -> order(d.shop(),
          ShopifyJson.order(payload));
      case "refunds/create" -> refund(d.shop(), ShopifyJson.refund(payload));
      case "customers/data_request" -> dataRequest(d, payload);
      case "customers/redact" -> redactCustomer(d.shop(), payload);
      case "shop/redact" -> redactShop(d.shop());
      default -> ApplyResult.skipped("unsupported topic");
    };
  }

  /**
   * A customer read by the backfill, with the webhooks' rules (staleness by updated_at, deleted and redacted
   * customers skipped), in the caller's transaction.
   */
  public ApplyResult backfillCustomer(String shop, ShopifyCustomer c) {
    return upsert(shop, c).result();
  }

  /**
   * An order read by the backfill, with its refunds, with the webhooks' rules (the purchase service keeps the
   * newest version; a refund is recorded once per id), in the caller's transaction. Refunds are recorded only
   * when the order's purchase exists (not for a skipped order).
   */
  public ApplyResult backfillOrder(String shop, ShopifyOrder o, List<ShopifyRefund> refunds) {
    ApplyResult result = order(shop, o);
    if (purchases.findBySource(ShopifyMapping.system(shop), o.id()).isPresent()) {
      for (ShopifyRefund r : refunds) {
        if (r.id() != null && r.amount() != null && r.amount().signum() > 0) {
          refund(shop, r);
        }
      }
    }
    return result;
  }

  /** A customer upsert's result and the profile it concerns (null when skipped without one). */
  record Upsert(ApplyResult result, Long customerId) {}

  /** Registers the customer unless the stored version is newer, or the customer was deleted or redacted. */
  Upsert upsert(String shop, ShopifyCustomer c) {
    if (c.id() == null) {
      throw new IllegalArgumentException("customer id is required");
    }
    Optional<StoreCustomerLink> link = data.link(KIND, shop, c.id());
    if (link.isPresent()) {
      StoreCustomerLink l = link.get();
      if (l.state() == State.REDACTED) {
        return new Upsert(ApplyResult.skipped("customer redacted"), null);
      }
      if (l.state() == State.DELETED) {
        return new Upsert(ApplyResult.skipped("customer deleted"), l.customerId());
      }
      if (l.isNewerThan(c.updatedAt())) {
        return new Upsert(ApplyResult.skipped("stale: a newer version was applied"), l.customerId());
      }
    }
    long customerId;
    try {
      customerId = customers.register(ShopifyMapping.customer(shop, c)).profile().id();
    } catch (RecentlyErasedException e) {
      return new Upsert(ApplyResult.skipped("recently erased"), null);
    }
    Instant mark = c.updatedAt() != null ? c.updatedAt() : link.map(StoreCustomerLink::sourceUpdatedAt).orElse(null);
    data.storeLink(KIND, shop, new StoreCustomerLink(c.id(), customerId, mark, State.ACTIVE));
    return new Upsert(ApplyResult.processed(), customerId);
  }

  /** The store deleted the customer: the link is closed, the CRM profile and its history stay. */
  ApplyResult deleteCustomer(String shop, String storeCustomerId) {
    if (storeCustomerId == null) {
      throw new IllegalArgumentException("id is required");
    }
    Optional<StoreCustomerLink> link = data.link(KIND, shop, storeCustomerId);
    if (link.isPresent() && link.get().state() == State.REDACTED) {
      return ApplyResult.skipped("customer redacted");
    }
    Long customerId = link.map(StoreCustomerLink::customerId).orElseGet(() -> customers
        .findByIdentity(new ExternalIdentity(ShopifyMapping.system(shop), storeCustomerId))
        .map(CustomerProfile::id).orElse(null));
    data.storeLink(KIND, shop, new StoreCustomerLink(storeCustomerId, customerId,
        link.map(StoreCustomerLink::sourceUpdatedAt).orElse(null), State.DELETED));
    return ApplyResult.processed();
  }

  ApplyResult order(String shop, ShopifyOrder o) {
    if (o.id() == null) {
      throw new IllegalArgumentException("order id is required");
    }
    Long customerId;
    if (o.customer() != null) {
      Upsert buyer = upsert(shop, o.customer());
      customerId = buyer.customerId();
      if (customerId == null) {
        Optional<StoreCustomerLink> link = data.link(KIND, shop, o.customer().id());
        if (link.isPresent() && link.get().state() == State.REDACTED || buyer.result().reason() != null
            && buyer.result().reason().startsWith("recently erased")) {
          return ApplyResult.skipped("customer redacted");
        }
        customerId = customers.findByIdentity(new ExternalIdentity(ShopifyMapping.system(shop), o.customer().id()))
            .map(CustomerProfile::id).orElse(null);
      }
      if (customerId == null) {
        return ApplyResult.skipped("buyer unknown");
      }
    } else {
      Optional<Long> guest = guest(shop, o);
      if (guest.isEmpty()) {
        return ApplyResult.skipped("guest order without email or phone, or the buyer was erased");
      }
      customerId = guest.get();
    }
    PurchaseRecording recording = purchases.record(ShopifyMapping.purchase(shop, customerId, o));
    return recording.outcome() == PurchaseOutcome.STALE ? ApplyResult.skipped("stale: a newer order version was applied")
        : ApplyResult.processed();
  }

  /** A guest checkout's buyer: by email, then phone, else registered; linked as {@code order:<id>}. */
  Optional<Long> guest(String shop, ShopifyOrder o) {
    String phone = o.phone();
    Optional<Long> found = Optional.empty();
    if (o.email() != null) {
      found = customers.findByEmail(o.email()).map(CustomerProfile::id);
    }
    if (found.isEmpty() && phone != null) {
      found = customers.findByPhone(phone).map(CustomerProfile::id);
    }
    if (found.isEmpty()) {
      if (o.email() == null && phone == null) {
        return Optional.empty();
      }
      try {
        found = Optional.of(customers.register(ShopifyMapping.guest(o)).profile().id());
      } catch (RecentlyErasedException e) {
        return Optional.empty();
      }
    }
    // so that a shop redaction finds the profiles its guest orders created or reached
    data.storeLink(KIND, shop, new StoreCustomerLink("order:" + o.id(), found.get(), null, State.ACTIVE));
    return found;
  }

  ApplyResult refund(String shop, ShopifyRefund r) {
    if (r.id() == null || r.orderId() == null) {
      throw new IllegalArgumentException("refund id and order_id are required");
    }
    if (r.amount() == null || r.amount().signum() <= 0) {
      return ApplyResult.skipped("refund without money (e.g. a restock only)");
    }
    // no purchase yet (its order delivery is still on the way): ResourceNotFoundException, retried with backoff
    boolean created = purchases.refund(ShopifyMapping.system(shop), r.orderId(), ShopifyMapping.refund(r)).created();
    return created ? ApplyResult.processed() : ApplyResult.skipped("refund recorded before");
  }

  /** The profiles a privacy request concerns: the linked one (identity) and the owners of the orders named. */
  Set<Long> profilesOf(String shop, String storeCustomerId, List<String> orderIds) {
    Set<Long> ids = new LinkedHashSet<>();
    if (storeCustomerId != null) {
      data.link(KIND, shop, storeCustomerId).map(StoreCustomerLink::customerId).ifPresent(ids::add);
      customers.findByIdentity(new ExternalIdentity(ShopifyMapping.system(shop), storeCustomerId))
          .map(CustomerProfile::id).ifPresent(ids::add);
    }
    for (String orderId : orderIds) {
      purchases.findBySource(ShopifyMapping.system(shop), orderId).map(Purchase::customerId).ifPresent(ids::add);
    }
    return ids;
  }

  ApplyResult dataRequest(StoredDelivery d, JsonObject payload) {
    JsonObject customer = ShopifyJson.object(payload, "customer");
    String storeCustomerId = ShopifyJson.text(customer, "id");
    String requestId = Optional.ofNullable(ShopifyJson.text(ShopifyJson.object(payload, "data_request"), "id"))
        .orElse("event:" + d.eventId());
    if (data.dataRequestExists(KIND, d.shop(), requestId)) {
      return ApplyResult.skipped("data request answered before");
    }
    List<Long> ids = new ArrayList<>(profilesOf(d.shop(), storeCustomerId,
        ShopifyJson.ids(payload, "orders_requested")));
    List<CustomerExport> exports = new ArrayList<>();
    for (Long id : ids) {
      privacy.export(id).ifPresent(exports::add);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("store", KIND);
    document.put("shop", d.shop());
    document.put("dataRequestId", requestId);
    document.put("storeCustomerId", storeCustomerId);
    document.put("exports", exports);
    data.storeDataRequest(KIND, d.shop(), requestId, storeCustomerId,
        exports.stream().map(e -> e.profile().id()).toList(), JsonBinding.get().toJson(document), d.id());
    return ApplyResult.processed();
  }

  /**
   * Erases the profiles linked to the store customer (and owning the orders named): the CRM erases a profile as
   * a whole, whatever other systems know it from. The link stays as REDACTED, so later deliveries about the
   * customer are skipped; the shop's stored payloads mentioning the customer or the orders are blanked.
   */
  ApplyResult redactCustomer(String shop, JsonObject payload) {
    String storeCustomerId = ShopifyJson.text(ShopifyJson.object(payload, "customer"), "id");
    List<String> orders = ShopifyJson.ids(payload, "orders_to_redact");
    if (storeCustomerId == null && orders.isEmpty()) {
      throw new IllegalArgumentException("customer.id or orders_to_redact is required");
    }
    Set<Long> ids = profilesOf(shop, storeCustomerId, orders);
    for (Long id : ids) {
      privacy.erase(id, "shopify customers/redact");
    }
    // also when no profile was linked: the stored deliveries about the customer go (this one included)
    if (storeCustomerId != null) {
      data.storeLink(KIND, shop, new StoreCustomerLink(storeCustomerId, null, null, State.REDACTED));
      data.forgetMentions(KIND, shop, storeCustomerId);
    }
    for (String order : orders) {
      data.storeLink(KIND, shop, new StoreCustomerLink("order:" + order, null, null, State.REDACTED));
      data.forgetMentions(KIND, shop, order);
    }
    return ApplyResult.processed();
  }

  /**
   * Erases the profiles known only through this shop (every identity is the shop's, or none), blanks the shop's
   * stored payloads, drops its links and data requests, and marks the shop redacted: later deliveries of the
   * shop are stored but not applied. Profiles other systems also know stay (the CRM API erases whole profiles
   * only), with the shop's identity and purchases.
   */
  ApplyResult redactShop(String shop) {
    String system = ShopifyMapping.system(shop);
    Set<Long> done = new LinkedHashSet<>();
    for (StoreCustomerLink link : data.links(KIND, shop)) {
      Long id = link.customerId();
      if (id == null || !done.add(id)) {
        continue;
      }
      Optional<CustomerProfile> profile = privacy.profile(id);
      if (profile.isPresent() && profile.get().identities().stream().allMatch(i -> system.equals(i.system()))) {
        privacy.erase(id, "shopify shop/redact");
      }
    }
    data.forgetShop(KIND, shop);
    return ApplyResult.processed();
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
