package org.clientele.crm.impl.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.NewRefund;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.purchase.PurchasePage;
import org.clientele.crm.api.purchase.PurchaseQuery;
import org.clientele.crm.api.purchase.PurchaseRecording;
import org.clientele.crm.api.purchase.PurchaseService;
import org.clientele.crm.api.purchase.RefundRecording;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.validation.InputValidator;

/** Records order versions and refunds (newest version wins, idempotent) and lists a customer's purchases. */
@ApplicationScoped
@Transactional
public class DefaultPurchaseService implements PurchaseService {

  /**
   * A concurrent recording of the same order wins the unique key (creation) or the version (update); the
   * retry reads the winner's state and decides again.
   */
  private static final int ATTEMPTS = 10;

  private static final Logger LOG = Logger.getLogger(DefaultPurchaseService.class.getName());

  @Inject PurchaseRecorder recorder;

  @Inject JpaPurchaseRepository purchases;

  @Inject CustomerResolver customers;

  @Inject InputValidator validator;

  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public PurchaseRecording record(NewPurchase purchase) {
    validator.check("purchase", purchase);
    PricedPurchase priced = PurchaseMoney.price(purchase, "");
    return retrying(() -> recorder.attempt(List.of(priced))).get(0);
  }

  /** Each attempt commits on its own so that a lost race can be retried; recording is idempotent. */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public List<PurchaseRecording> recordAll(List<NewPurchase> batch) {
    validator.checkEach("purchases", batch, 500);
    List<FieldViolation> violations = new ArrayList<>();
    List<PricedPurchase> priced = new ArrayList<>();
    for (int i = 0; i < batch.size() && violations.size() < 100; i++) {
      priced.add(PurchaseMoney.price(batch.get(i), "purchases[" + i + "].", violations));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return retrying(() -> recorder.attempt(priced));
  }

  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public RefundRecording refund(String sourceSystem, String orderId, NewRefund refund) {
    List<FieldViolation> violations = new ArrayList<>();
    requireText("sourceSystem", sourceSystem, violations);
    requireText("orderId", orderId, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    validator.check("refund", refund);
    return retrying(() -> recorder.refund(sourceSystem, orderId, refund));
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Purchase> find(long purchaseId) {
    return purchases.find(purchaseId).map(PurchaseMapper::toPurchase);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Purchase> findBySource(String sourceSystem, String orderId) {
    List<FieldViolation> violations = new ArrayList<>();
    requireText("sourceSystem", sourceSystem, violations);
    requireText("orderId", orderId, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return purchases.findBySource(sourceSystem, orderId).map(PurchaseMapper::toPurchase);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public PurchasePage list(long customerId, PurchaseQuery query) {
    validator.check("query", query);
    long id = customers.resolve(customerId);
    Instant cursorTime = null;
    Long cursorId = null;
    if (query.after() != null) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(query.after()), StandardCharsets.UTF_8).split("\\|");
        cursorTime = Instant.parse(parts[0]);
        cursorId = Long.valueOf(parts[1]);
      } catch (RuntimeException e) {
        throw new InvalidInputException("after", "is not a cursor this service issued");
      }
    }
    List<PurchaseRecord> page = purchases.list(id, query.from(), query.to(), query.statuses(), cursorTime, cursorId,
        query.limit());
    String next = null;
    if (page.size() == query.limit()) {
      PurchaseRecord last = page.get(page.size() - 1);
      next = Base64.getUrlEncoder().withoutPadding().encodeToString(
          (last.placedAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }
    return new PurchasePage(page.stream().map(PurchaseMapper::toPurchase).toList(), next);
  }

  private <T> T retrying(Supplier<T> attempt) {
    for (int i = 1; ; i++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        if (!customers.isUniqueViolation(e) && !isOptimisticLockFailure(e)) {
          throw e;
        }
        if (i >= ATTEMPTS) {
          throw new ConflictException("Recording kept colliding with concurrent changes of the same order; retry", e);
        }
        int lost = i;
        LOG.fine(() -> "Purchase recording lost a race (attempt " + lost + "); retrying");
      }
    }
  }

  /** jakarta.persistence's, or EclipseLink's own when it surfaces unwrapped at commit. */
  static boolean isOptimisticLockFailure(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof jakarta.persistence.OptimisticLockException
          || t.getClass().getSimpleName().equals("OptimisticLockException")) {
        return true;
      }
    }
    return false;
  }

  private static void requireText(String field, String value, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      violations.add(new FieldViolation(field, "must not be blank"));
    }
  }
}
