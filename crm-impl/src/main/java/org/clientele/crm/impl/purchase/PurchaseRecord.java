package org.clientele.crm.impl.purchase;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.purchase.PurchaseOutcome;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * The aggregate root of the purchase context: one order of one source system ({@code sourceSystem},
 * {@code orderId} is unique), in the newest version the source sent, with its refunds and every status it
 * was seen in.
 *
 * <p>Which version wins is decided by the source's own {@code sourceUpdatedAt}, never by arrival order: an
 * older version only adds its status to the observations. The amounts are stored as computed by
 * {@link PurchaseMoney} (scale 4, whatever the currency); {@code status} is the newest version's status,
 * except that a purchase whose refunds add up to its total is {@link PurchaseStatus#REFUNDED}. The optimistic
 * {@code version} guards concurrent recordings of the same order.
 */
@Entity
@Table(name = "crm_purchase")
@NamedQuery(
    name = "PurchaseRecord.bySource",
    query = "SELECT p FROM PurchaseRecord p WHERE p.sourceSystem = :system AND p.orderId IN :orderIds")
@NamedQuery(
    name = "PurchaseRecord.idsOfCustomer",
    query = "SELECT p.id FROM PurchaseRecord p WHERE p.customerId = :customer ORDER BY p.id")
@NamedQuery(
    name = "PurchaseRecord.ofCustomer",
    query = "SELECT p FROM PurchaseRecord p WHERE p.customerId = :customer ORDER BY p.id")
public class PurchaseRecord {

  @Id
  @SequenceGenerator(name = "crm_purchase_seq", sequenceName = "crm_purchase_seq", allocationSize = 500)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_purchase_seq")
  private Long id;

  @Version
  private long version;

  @Column(name = "customer_id", nullable = false)
  private long customerId;

  @Column(name = "source_system", nullable = false, length = 100)
  private String sourceSystem;

  @Column(name = "order_id", nullable = false, length = 200)
  private String orderId;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private PurchaseStatus status;

  @Column(name = "currency", nullable = false, length = 3)
  private String currency;

  @Column(name = "placed_at", nullable = false)
  private Instant placedAt;

  @Column(name = "source_updated_at", nullable = false)
  private Instant sourceUpdatedAt;

  @Column(name = "subtotal", nullable = false, precision = 19, scale = 4)
  private BigDecimal subtotal;

  @Column(name = "discount_total", nullable = false, precision = 19, scale = 4)
  private BigDecimal discountTotal;

  @Column(name = "shipping_total", nullable = false, precision = 19, scale = 4)
  private BigDecimal shippingTotal;

  @Column(name = "tax_total", nullable = false, precision = 19, scale = 4)
  private BigDecimal taxTotal;

  @Column(name = "total", nullable = false, precision = 19, scale = 4)
  private BigDecimal total;

  @Column(name = "refunded_total", nullable = false, precision = 19, scale = 4)
  private BigDecimal refundedTotal;

  @Column(name = "net_total", nullable = false, precision = 19, scale = 4)
  private BigDecimal netTotal;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @ElementCollection
  @CollectionTable(name = "crm_purchase_line", joinColumns = @JoinColumn(name = "purchase_id"))
  @OrderBy("lineNo ASC")
  private List<StoredPurchaseLine> lines = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "crm_purchase_status", joinColumns = @JoinColumn(name = "purchase_id"))
  @OrderBy("changedAt ASC")
  private List<StatusObservation> statuses = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "crm_purchase_refund", joinColumns = @JoinColumn(name = "purchase_id"))
  @OrderBy("refundedAt ASC")
  private List<StoredRefund> refunds = new ArrayList<>();

  protected PurchaseRecord() {}

  /** A new purchase, complete before it is persisted (see docs/architecture.md on EclipseLink). */
  PurchaseRecord(long customerId, PricedPurchase p, Instant now) {
    this.customerId = customerId;
    this.sourceSystem = p.sourceSystem();
    this.orderId = p.orderId();
    this.refundedTotal = PurchaseMoney.stored(BigDecimal.ZERO);
    this.createdAt = now;
    apply(customerId, p, now);
  }

  /**
   * Records a version of this order: applied if it is newer than the stored one (or as new but different),
   * otherwise only its status is observed.
   *
   * @throws ConflictException if the version would leave the refunds above its total, or change the currency
   *     of a purchase with refunds
   */
  PurchaseOutcome record(long resolvedCustomerId, PricedPurchase p, Instant now) {
    int age = p.sourceUpdatedAt().compareTo(sourceUpdatedAt);
    if (age < 0) {
      if (observe(p.status(), p.sourceUpdatedAt(), now)) {
        updatedAt = now;
      }
      return PurchaseOutcome.STALE;
    }
    if (age == 0 && sameAs(resolvedCustomerId, p)) {
      return PurchaseOutcome.UNCHANGED;
    }
    if (!refunds.isEmpty() && !currency.equals(p.currency())) {
      throw new ConflictException("Purchase " + describe() + " has refunds in " + currency
          + ": a version in " + p.currency() + " cannot replace it");
    }
    if (p.total().compareTo(refundedTotal) < 0) {
      throw new ConflictException("Purchase " + describe() + " has refunds of " + refundedTotal.stripTrailingZeros()
          .toPlainString() + " " + currency + ": a version with the lower total " + p.total().toPlainString()
          + " cannot replace it");
    }
    apply(resolvedCustomerId, p, now);
    return PurchaseOutcome.UPDATED;
  }

  private void apply(long resolvedCustomerId, PricedPurchase p, Instant now) {
    customerId = resolvedCustomerId;
    currency = p.currency();
    placedAt = p.placedAt();
    sourceUpdatedAt = p.sourceUpdatedAt();
    lines.clear();
    p.lines().forEach(line -> lines.add(new StoredPurchaseLine(line)));
    subtotal = PurchaseMoney.stored(p.subtotal());
    discountTotal = PurchaseMoney.stored(p.discountTotal());
    shippingTotal = PurchaseMoney.stored(p.shippingTotal());
    taxTotal = PurchaseMoney.stored(p.taxTotal());
    total = PurchaseMoney.stored(p.total());
    netTotal = PurchaseMoney.stored(total.subtract(refundedTotal));
    status = effectiveStatus(p.status(), total);
    observe(p.status(), p.sourceUpdatedAt(), now);
    updatedAt = now;
  }

  /** Whether the stored version is this one: same customer, content and (effective) status. */
  private boolean sameAs(long resolvedCustomerId, PricedPurchase p) {
    if (customerId != resolvedCustomerId || status != effectiveStatus(p.status(), p.total())
        || !currency.equals(p.currency()) || !placedAt.equals(p.placedAt())
        || discountTotal.compareTo(p.discountTotal()) != 0 || shippingTotal.compareTo(p.shippingTotal()) != 0
        || taxTotal.compareTo(p.taxTotal()) != 0 || lines.size() != p.lines().size()) {
      return false;
    }
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).sameAs(p.lines().get(i))) {
        return false;
      }
    }
    return true;
  }

  private PurchaseStatus effectiveStatus(PurchaseStatus sourceStatus, BigDecimal withTotal) {
    return withTotal.signum() > 0 && refundedTotal.compareTo(withTotal) >= 0 ? PurchaseStatus.REFUNDED : sourceStatus;
  }

  /** Adds the observation unless it is there; whether it was added. */
  private boolean observe(PurchaseStatus observed, Instant at, Instant now) {
    if (statuses.stream().anyMatch(s -> s.is(observed, at))) {
      return false;
    }
    statuses.add(new StatusObservation(observed, at, now));
    return true;
  }

  Optional<StoredRefund> refund(String refundId) {
    return refunds.stream().filter(r -> r.refundId().equals(refundId)).findFirst();
  }

  /**
   * Adds a refund; refunds reaching the total make the purchase REFUNDED at the refund's time.
   *
   * @throws ConflictException if the refunds would exceed the total
   */
  void addRefund(String refundId, BigDecimal amount, Instant refundedAt, String reason, Instant now) {
    BigDecimal after = refundedTotal.add(amount);
    if (after.compareTo(total) > 0) {
      throw new ConflictException("Refunds of purchase " + describe() + " would exceed its total: total "
          + plain(total) + " " + currency + ", refunded " + plain(refundedTotal) + ", requested " + plain(amount));
    }
    refunds.add(new StoredRefund(refundId, amount, refundedAt, reason, now));
    refundedTotal = PurchaseMoney.stored(after);
    netTotal = PurchaseMoney.stored(total.subtract(refundedTotal));
    if (total.signum() > 0 && refundedTotal.compareTo(total) == 0) {
      status = PurchaseStatus.REFUNDED;
      observe(PurchaseStatus.REFUNDED, refundedAt, now);
    }
    updatedAt = now;
  }

  /**
   * Erasure of the buyer: the order id (which leads back to the order, and some shops build from an email)
   * is replaced, line names and refund texts go; customer, amounts, dates, statuses, skus and categories stay
   * for anonymous aggregates.
   */
  void anonymize(Instant now) {
    orderId = "erased-" + id;
    lines.forEach(StoredPurchaseLine::anonymize);
    for (int i = 0; i < refunds.size(); i++) {
      refunds.get(i).anonymize(i + 1);
    }
    updatedAt = now;
  }

  private String describe() {
    return sourceSystem + "/" + orderId;
  }

  private static String plain(BigDecimal amount) {
    return amount.stripTrailingZeros().toPlainString();
  }

  Long id() {
    return id;
  }

  long version() {
    return version;
  }

  long customerId() {
    return customerId;
  }

  String sourceSystem() {
    return sourceSystem;
  }

  String orderId() {
    return orderId;
  }

  PurchaseStatus status() {
    return status;
  }

  String currency() {
    return currency;
  }

  Instant placedAt() {
    return placedAt;
  }

  Instant sourceUpdatedAt() {
    return sourceUpdatedAt;
  }

  BigDecimal subtotal() {
    return subtotal;
  }

  BigDecimal discountTotal() {
    return discountTotal;
  }

  BigDecimal shippingTotal() {
    return shippingTotal;
  }

  BigDecimal taxTotal() {
    return taxTotal;
  }

  BigDecimal total() {
    return total;
  }

  BigDecimal refundedTotal() {
    return refundedTotal;
  }

  BigDecimal netTotal() {
    return netTotal;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  List<StoredPurchaseLine> lines() {
    return lines;
  }

  List<StatusObservation> statuses() {
    return statuses;
  }

  List<StoredRefund> refunds() {
    return refunds;
  }
}
