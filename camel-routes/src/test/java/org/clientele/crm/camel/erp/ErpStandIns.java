package org.clientele.crm.camel.erp;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.integration.InboundLedger;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.NewRefund;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.purchase.PurchaseOutcome;
import org.clientele.crm.api.purchase.PurchaseRecording;
import org.clientele.crm.api.purchase.PurchaseService;
import org.clientele.crm.api.purchase.RefundRecording;

/** In-memory stand-ins for the CRM services the ERP appliers call (only the methods they use). */
final class ErpStandIns {

  /** ERP customer id → CRM customer id. */
  final Map<String, Long> customers = new HashMap<>();
  final Set<String> ledger = new HashSet<>();
  /** Recorded order versions by order id, newest sourceUpdatedAt wins. */
  final Map<String, NewPurchase> purchases = new HashMap<>();
  final List<NewPurchase> recordings = new ArrayList<>();
  final Map<String, NewRefund> refunds = new HashMap<>();
  /** Consent decisions recorded, in force by channel+purpose (newest decidedAt). */
  final List<ConsentDecision> consentHistory = new ArrayList<>();
  final Map<String, ConsentDecision> consentsInForce = new HashMap<>();
  final AtomicInteger lookups = new AtomicInteger();

  InboundLedger ledger() {
    return new InboundLedger() {
      @Override
      public synchronized boolean markApplied(String system, String messageKey, String messageType) {
        return ledger.add(system + "/" + messageKey);
      }

      @Override
      public boolean isApplied(String system, String messageKey) {
        return ledger.contains(system + "/" + messageKey);
      }
    };
  }

  CustomerService customerService() {
    return (CustomerService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {CustomerService.class}, (proxy, method, args) -> switch (method.getName()) {
          case "findByIdentity" -> {
            lookups.incrementAndGet();
            ExternalIdentity identity = (ExternalIdentity) args[0];
            Long id = "ERP".equals(identity.system()) ? customers.get(identity.externalId()) : null;
            yield Optional.ofNullable(id == null ? null : profile(id));
          }
          case "recordConsent" -> {
            ConsentDecision decision = (ConsentDecision) args[1];
            consentHistory.add(decision);
            consentsInForce.merge(decision.channel() + "/" + decision.purpose(), decision,
                (old, now) -> now.decidedAt().isBefore(old.decidedAt()) ? old : now);
            yield profile((Long) args[0]);
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  PurchaseService purchaseService() {
    return (PurchaseService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PurchaseService.class}, (proxy, method, args) -> switch (method.getName()) {
          case "record" -> {
            NewPurchase purchase = (NewPurchase) args[0];
            if (purchase.currency().length() != 3) {
              throw new InvalidInputException("currency", "must be a three-letter ISO 4217 code");
            }
            recordings.add(purchase);
            NewPurchase stored = purchases.get(purchase.orderId());
            if (stored != null && stored.sourceUpdatedAt().isAfter(purchase.sourceUpdatedAt())) {
              yield new PurchaseRecording(null, PurchaseOutcome.STALE);
            }
            purchases.put(purchase.orderId(), purchase);
            yield new PurchaseRecording(null, stored == null ? PurchaseOutcome.CREATED : PurchaseOutcome.UPDATED);
          }
          case "findBySource" -> Optional.ofNullable(purchases.containsKey((String) args[1]) ? purchase() : null);
          case "refund" -> {
            if (!purchases.containsKey((String) args[1])) {
              throw new ResourceNotFoundException("Purchase", args[0] + "/" + args[1]);
            }
            NewRefund refund = (NewRefund) args[2];
            yield new RefundRecording(null, refunds.putIfAbsent(refund.refundId(), refund) == null);
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  ErpOrderApplier orderApplier() {
    ErpOrderApplier applier = new ErpOrderApplier();
    applier.ledger = ledger();
    applier.customers = customerService();
    applier.purchases = purchaseService();
    return applier;
  }

  ErpConsentApplier consentApplier() {
    ErpConsentApplier applier = new ErpConsentApplier();
    applier.ledger = ledger();
    applier.customers = customerService();
    return applier;
  }

  private CustomerProfile profile(long id) {
    return new CustomerProfile(id, 1, null, null, null, null, null, null, null, null, List.of(), List.of(), Set.of(),
        Map.of(), List.copyOf(consentsInForce.values()), null, Instant.EPOCH, Instant.EPOCH);
  }

  private static Purchase purchase() {
    return new Purchase(1, 1, "ERP", "x", null, "EUR", Instant.EPOCH, Instant.EPOCH, List.of(), BigDecimal.ZERO,
        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
        List.of(), List.of(), Instant.EPOCH, Instant.EPOCH);
  }
}
