package org.clientele.crm.impl.purchase;

import java.util.List;
import org.clientele.crm.api.purchase.Purchase;

/** Turns stored purchases into the API view, with amounts in the currency's decimal places. */
final class PurchaseMapper {

  private PurchaseMapper() {}

  static Purchase toPurchase(PurchaseRecord r) {
    String c = r.currency();
    List<Purchase.Line> lines = r.lines().stream()
        .map(l -> new Purchase.Line(l.lineNo(), l.sku(), l.name(), l.category(), l.quantity(),
            PurchaseMoney.shown(l.unitPrice(), c), PurchaseMoney.shown(l.discount(), c),
            PurchaseMoney.shown(l.lineTotal(), c)))
        .toList();
    List<Purchase.StatusChange> history = StatusHistory.changes(r.statuses().stream()
        .map(s -> new StatusHistory.Observed(s.status(), s.changedAt())).toList());
    List<Purchase.Refund> refunds = r.refunds().stream()
        .map(f -> new Purchase.Refund(f.refundId(), PurchaseMoney.shown(f.amount(), c), f.refundedAt(), f.reason()))
        .toList();
    return new Purchase(r.id(), r.customerId(), r.sourceSystem(), r.orderId(), r.status(), c, r.placedAt(),
        r.sourceUpdatedAt(), lines, PurchaseMoney.shown(r.subtotal(), c), PurchaseMoney.shown(r.discountTotal(), c),
        PurchaseMoney.shown(r.shippingTotal(), c), PurchaseMoney.shown(r.taxTotal(), c),
        PurchaseMoney.shown(r.total(), c), PurchaseMoney.shown(r.refundedTotal(), c),
        PurchaseMoney.shown(r.netTotal(), c), history, refunds, r.createdAt(), r.updatedAt());
  }
}
