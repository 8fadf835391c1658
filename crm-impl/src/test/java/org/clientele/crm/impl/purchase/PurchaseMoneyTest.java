package org.clientele.crm.impl.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.PurchaseLine;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.junit.jupiter.api.Test;

class PurchaseMoneyTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void totalsAreSubtotalMinusDiscountPlusShippingAndTax() {
    PricedPurchase p = PurchaseMoney.price(purchase("eur", List.of(
        line(2, "19.99", "1.00"),
        line(1, "5.50", null)), "3.00", "4.90", "7.12"), "");

    assertThat(p.currency()).isEqualTo("EUR");
    assertThat(p.lines()).extracting(PricedPurchase.Line::lineTotal)
        .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .containsExactly(new BigDecimal("38.98"), new BigDecimal("5.50"));
    assertThat(p.lines()).extracting(PricedPurchase.Line::lineNo).containsExactly(1, 2);
    assertThat(p.subtotal()).isEqualByComparingTo("44.48");
    assertThat(p.total()).isEqualByComparingTo("53.50");
  }

  @Test
  void absentOptionalAmountsAreZero() {
    PricedPurchase p = PurchaseMoney.price(purchase("JPY", List.of(line(3, "1200", null)), null, null, null), "");

    assertThat(p.discountTotal()).isZero();
    assertThat(p.total()).isEqualByComparingTo("3600");
  }

  @Test
  void unknownCurrencyIsNamed() {
    assertThat(violations(purchase("XXY", List.of(line(1, "1", null)), null, null, null)))
        .containsExactly(new FieldViolation("currency", "is not an ISO 4217 currency code"));
  }

  @Test
  void codesWithoutDecimalPlacesAreNoMoney() {
    assertThat(violations(purchase("XXX", List.of(line(1, "1", null)), null, null, null)))
        .extracting(FieldViolation::field).containsExactly("currency");
    assertThat(violations(purchase("XAU", List.of(line(1, "1", null)), null, null, null))).hasSize(1);
  }

  @Test
  void amountsMayNotHaveMoreDecimalPlacesThanTheCurrency() {
    assertThat(violations(purchase("EUR", List.of(line(1, "10.00", null), line(1, "10.555", null)), null, null, null)))
        .containsExactly(new FieldViolation("lines[1].unitPrice", "must have at most 2 decimal places for EUR"));
    assertThat(violations(purchase("JPY", List.of(line(1, "100.5", null)), null, null, null)))
        .containsExactly(new FieldViolation("lines[0].unitPrice",
            "must be a whole amount: JPY has no decimal places"));
    assertThat(violations(purchase("KWD", List.of(line(1, "1.125", null)), null, "0.0001", null)))
        .containsExactly(new FieldViolation("shippingTotal", "must have at most 3 decimal places for KWD"));
  }

  @Test
  void trailingZerosDoNotCountAsDecimalPlaces() {
    PricedPurchase p = PurchaseMoney.price(purchase("JPY", List.of(line(1, "100.000", null)), null, null, null), "");

    assertThat(p.total()).isEqualByComparingTo("100");
  }

  @Test
  void aLineDiscountCannotExceedTheLine() {
    assertThat(violations(purchase("EUR", List.of(line(2, "3.00", "6.01")), null, null, null)))
        .extracting(FieldViolation::field).containsExactly("lines[0].discount");
  }

  @Test
  void theTotalCannotBeNegative() {
    assertThat(violations(purchase("EUR", List.of(line(1, "10.00", null)), "12.00", "1.00", null)))
        .extracting(FieldViolation::field).containsExactly("discountTotal");
    assertThat(PurchaseMoney.price(purchase("EUR", List.of(line(1, "10.00", null)), "11.00", "1.00", null), "")
        .total()).isZero();
  }

  @Test
  void totalsMustFitTheStoredPrecision() {
    assertThat(violations(purchase("EUR", List.of(line(1_000_000, "999999999999.99", null)), null, null, null)))
        .extracting(FieldViolation::field).containsExactly("lines[0].unitPrice");
  }

  @Test
  void batchesPrefixTheFieldsAndAllViolationsAreReported() {
    assertThatThrownBy(() -> PurchaseMoney.price(
            purchase("EUR", List.of(line(1, "1.001", null), line(1, "1", "0.001")), null, null, null), "purchases[3]."))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field)
            .containsExactly("purchases[3].lines[0].unitPrice", "purchases[3].lines[1].discount"));
  }

  @Test
  void amountsAreShownWithTheCurrencysDecimalPlacesAndStoredWithFour() {
    assertThat(PurchaseMoney.shown(new BigDecimal("10.5000"), "EUR")).hasToString("10.50");
    assertThat(PurchaseMoney.shown(new BigDecimal("1200.0000"), "JPY")).hasToString("1200");
    assertThat(PurchaseMoney.shown(new BigDecimal("1.1250"), "KWD")).hasToString("1.125");
    assertThat(PurchaseMoney.stored(new BigDecimal("1E+2"))).hasToString("100.0000");
  }

  @Test
  void instantsAreKeptToTheMicrosecond() {
    PricedPurchase p = PurchaseMoney.price(new NewPurchase(1, "SHOP", "1", PurchaseStatus.PLACED, "EUR",
        Instant.parse("2026-03-01T10:00:00.123456789Z"), Instant.parse("2026-03-01T10:00:00.000000999Z"),
        List.of(line(1, "1", null)), null, null, null), "");

    assertThat(p.placedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
    assertThat(p.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
  }

  private static List<FieldViolation> violations(NewPurchase purchase) {
    try {
      PurchaseMoney.price(purchase, "");
    } catch (InvalidInputException e) {
      return e.violations();
    }
    throw new AssertionError("no violation");
  }

  static NewPurchase purchase(String currency, List<PurchaseLine> lines, String discount, String shipping, String tax) {
    return new NewPurchase(1, "SHOP", "A-1", PurchaseStatus.PLACED, currency, T, T, lines, amount(discount),
        amount(shipping), amount(tax));
  }

  static PurchaseLine line(int quantity, String unitPrice, String discount) {
    return new PurchaseLine("SKU-" + quantity, "Article", "books", quantity, new BigDecimal(unitPrice),
        amount(discount));
  }

  private static BigDecimal amount(String value) {
    return value == null ? null : new BigDecimal(value);
  }
}
