package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.NewRefund;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.purchase.PurchasePage;
import org.clientele.crm.api.purchase.PurchaseQuery;
import org.clientele.crm.api.purchase.PurchaseRecording;
import org.clientele.crm.api.purchase.PurchaseService;
import org.clientele.crm.api.purchase.RefundRecording;

/** {@code java:global/clientele/crm-ejb/PurchaseServiceBean!org.clientele.crm.api.purchase.PurchaseService} */
@Stateless
@Local(PurchaseService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PurchaseServiceBean implements PurchaseService {

  @Inject PurchaseService delegate;

  @Override
  public PurchaseRecording record(NewPurchase purchase) {
    return delegate.record(purchase);
  }

  @Override
  public List<PurchaseRecording> recordAll(List<NewPurchase> purchases) {
    return delegate.recordAll(purchases);
  }

  @Override
  public RefundRecording refund(String sourceSystem, String orderId, NewRefund refund) {
    return delegate.refund(sourceSystem, orderId, refund);
  }

  @Override
  public Optional<Purchase> find(long purchaseId) {
    return delegate.find(purchaseId);
  }

  @Override
  public Optional<Purchase> findBySource(String sourceSystem, String orderId) {
    return delegate.findBySource(sourceSystem, orderId);
  }

  @Override
  public PurchasePage list(long customerId, PurchaseQuery query) {
    return delegate.list(customerId, query);
  }
}
