package org.clientele.crm.impl.purchase;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.util.Objects;

/** One line of a purchase's current version. */
@Embeddable
public class StoredPurchaseLine {

  @Column(name = "line_no", nullable = false)
  private int lineNo;

  @Column(name = "sku", nullable = false, length = 100)
  private String sku;

  @Column(name = "name", length = 300)
  private String name;

  @Column(name = "category", length = 100)
  private String category;

  @Column(name = "quantity", nullable = false)
  private int quantity;

  @Column(name = "unit_price", nullable = false, precision = 19, scale = 4)
  private BigDecimal unitPrice;

  @Column(name = "discount", nullable = false, precision = 19, scale = 4)
  private BigDecimal discount;

  @Column(name = "line_total", nullable = false, precision = 19, scale = 4)
  private BigDecimal lineTotal;

  protected StoredPurchaseLine() {}

  StoredPurchaseLine(PricedPurchase.Line line) {
    this.lineNo = line.lineNo();
    this.sku = line.sku();
    this.name = line.name();
    this.category = line.category();
    this.quantity = line.quantity();
    this.unitPrice = PurchaseMoney.stored(line.unitPrice());
    this.discount = PurchaseMoney.stored(line.discount());
    this.lineTotal = PurchaseMoney.stored(line.lineTotal());
  }

  boolean sameAs(PricedPurchase.Line line) {
    return lineNo == line.lineNo() && sku.equals(line.sku()) && Objects.equals(name, line.name())
        && Objects.equals(category, line.category()) && quantity == line.quantity()
        && unitPrice.compareTo(line.unitPrice()) == 0 && discount.compareTo(line.discount()) == 0;
  }

  /** Names may be personal (engravings, custom items); sku, category, quantity and amounts stay for analytics. */
  void anonymize() {
    name = null;
  }

  int lineNo() {
    return lineNo;
  }

  String sku() {
    return sku;
  }

  String name() {
    return name;
  }

  String category() {
    return category;
  }

  int quantity() {
    return quantity;
  }

  BigDecimal unitPrice() {
    return unitPrice;
  }

  BigDecimal discount() {
    return discount;
  }

  BigDecimal lineTotal() {
    return lineTotal;
  }
}
