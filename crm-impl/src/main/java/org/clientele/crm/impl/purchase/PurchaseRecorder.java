package org.clientele.crm.impl.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.purchase.NewRefund;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.purchase.PurchaseOutcome;
import org.clientele.crm.api.purchase.PurchaseRecording;
import org.clientele.crm.api.purchase.RefundRecording;
import org.clientele.crm.api.purchase.events.PurchaseRecorded;
import org.clientele.crm.api.purchase.events.PurchaseRefunded;
import org.clientele.crm.impl.customer.CustomerResolver;

/**
 * One recording attempt in its own transaction: the batch's stored orders are read at once, each version is
 * applied to them in list order, new orders are inserted. The unique key on (source system, order id) stops
 * a concurrent twin, the version a concurrent change; the service then retries.
 */
@ApplicationScoped
public class PurchaseRecorder {

  @Inject JpaPurchaseRepository purchases;

  @Inject CustomerResolver customers;

  @Inject Event<PurchaseRecorded> recorded;

  @Inject Event<PurchaseRefunded> refunded;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<PurchaseRecording> attempt(List<PricedPurchase> batch) {
    Map<String, PurchaseRecord> known = new HashMap<>();
    batch.stream().collect(Collectors.groupingBy(PricedPurchase::sourceSystem,
            Collectors.mapping(PricedPurchase::orderId, Collectors.toSet())))
        .forEach((system, orderIds) -> purchases.findBySource(system, orderIds)
            .forEach(r -> known.put(key(r.sourceSystem(), r.orderId()), r)));

    Instant now = Instant.now();
    Map<Long, Long> resolved = new HashMap<>();
    List<PurchaseRecord> records = new ArrayList<>();
    List<PurchaseOutcome> outcomes = new ArrayList<>();
    for (PricedPurchase p : batch) {
      long customerId = resolved.computeIfAbsent(p.customerId(), customers::resolve);
      String key = key(p.sourceSystem(), p.orderId());
      PurchaseRecord record = known.get(key);
      if (record == null) {
        record = new PurchaseRecord(customerId, p, now);
        purchases.store(record);
        known.put(key, record);
        outcomes.add(PurchaseOutcome.CREATED);
      } else {
        outcomes.add(record.record(customerId, p, now));
      }
      records.add(record);
    }
    purchases.flush();

    // One event per changed purchase, even if the batch changed it twice: CREATED wins over UPDATED.
    Map<PurchaseRecord, PurchaseOutcome> changed = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      PurchaseOutcome outcome = outcomes.get(i);
      if (outcome == PurchaseOutcome.CREATED || outcome == PurchaseOutcome.UPDATED) {
        changed.merge(records.get(i), outcome, (a, b) -> a == PurchaseOutcome.CREATED ? a : b);
      }
    }
    Map<PurchaseRecord, Purchase> views = new HashMap<>();
    List<PurchaseRecording> results = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Purchase view = views.computeIfAbsent(records.get(i), PurchaseMapper::toPurchase);
      results.add(new PurchaseRecording(view, outcomes.get(i)));
    }
    changed.forEach((record, outcome) -> {
      Purchase view = views.get(record);
      recorded.fire(new PurchaseRecorded(view.id(), view.customerId(), view.status(), view.currency(), view.total(),
          view.netTotal(), outcome, now));
    });
    return results;
  }

  /** Records a refund once per refund id; see {@link org.clientele.crm.api.purchase.PurchaseService#refund}. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public RefundRecording refund(String sourceSystem, String orderId, NewRefund refund) {
    PurchaseRecord record = purchases.findBySource(sourceSystem, orderId)
        .orElseThrow(() -> new ResourceNotFoundException("Purchase", sourceSystem + "/" + orderId));
    List<FieldViolation> violations = new ArrayList<>();
    Currency currency = Currency.getInstance(record.currency());
    BigDecimal amount = PurchaseMoney.amount(refund.amount(), currency, "amount", violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    Optional<StoredRefund> existing = record.refund(refund.refundId());
    if (existing.isPresent()) {
      if (existing.get().amount().compareTo(amount) != 0) {
        throw new ConflictException("Refund " + refund.refundId() + " of purchase " + sourceSystem + "/" + orderId
            + " was recorded with another amount (" + existing.get().amount().stripTrailingZeros().toPlainString()
            + " " + record.currency() + ")");
      }
      return new RefundRecording(PurchaseMapper.toPurchase(record), false);
    }
    Instant now = Instant.now();
    record.addRefund(refund.refundId(), amount, PurchaseMoney.micros(refund.refundedAt()), refund.reason(), now);
    purchases.flush();
    Purchase view = PurchaseMapper.toPurchase(record);
    refunded.fire(new PurchaseRefunded(view.id(), view.customerId(), refund.refundId(),
        PurchaseMoney.shown(amount, view.currency()), view.currency(), view.refundedTotal(), view.netTotal(),
        view.status(), now));
    return new RefundRecording(view, true);
  }

  private static String key(String system, String orderId) {
    return system + "\u0000" + orderId;
  }
}
