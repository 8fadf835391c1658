package org.clientele.crm.impl.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.PurchaseLine;

/**
 * The money rules of purchases, as pure functions: ISO 4217 currencies, amounts with no more decimal places
 * than the currency has, and the totals. Runs after Bean Validation, so fields are present and in range.
 */
final class PurchaseMoney {

  /** NUMERIC(19,4) keeps 15 digits before the point. */
  static final BigDecimal LIMIT = new BigDecimal("1000000000000000");

  /** Stored amounts all have this scale, so that an unchanged value compares equal to what is read back. */
  static final int STORED_SCALE = 4;

  private PurchaseMoney() {}

  /**
   * Checks the money rules of a validated purchase and computes its totals.
   *
   * @param prefix prepended to field names, e.g. {@code purchases[3].} in a batch, empty for one purchase
   * @throws InvalidInputException naming each field that breaks a rule
   */
  static PricedPurchase price(NewPurchase p, String prefix) {
    List<FieldViolation> violations = new ArrayList<>();
    PricedPurchase priced = price(p, prefix, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return priced;
  }

  /** As {@link #price(NewPurchase, String)}, adding violations to the list; {@code null} if there were any. */
  static PricedPurchase price(NewPurchase p, String prefix, List<FieldViolation> violations) {
    int before = violations.size();
    Optional<Currency> found = currency(p.currency(), prefix + "currency", violations);
    if (found.isEmpty()) {
      return null;
    }
    Currency currency = found.get();
    List<PricedPurchase.Line> lines = new ArrayList<>();
    BigDecimal subtotal = BigDecimal.ZERO;
    for (int i = 0; i < p.lines().size(); i++) {
      PurchaseLine line = p.lines().get(i);
      String field = prefix + "lines[" + i + "].";
      BigDecimal unitPrice = amount(line.unitPrice(), currency, field + "unitPrice", violations);
      BigDecimal discount = amount(line.discount(), currency, field + "discount", violations);
      BigDecimal gross = unitPrice.multiply(BigDecimal.valueOf(line.quantity()));
      BigDecimal lineTotal = gross.subtract(discount);
      if (lineTotal.signum() < 0) {
        violations.add(new FieldViolation(field + "discount", "must not exceed quantity × unitPrice (" + plain(gross) + ")"));
      } else if (lineTotal.compareTo(LIMIT) >= 0) {
        violations.add(new FieldViolation(field + "unitPrice", "makes the line total too large"));
      }
      subtotal = subtotal.add(lineTotal);
      lines.add(new PricedPurchase.Line(i + 1, line.sku(), line.name(), line.category(), line.quantity(), unitPrice,
          discount, lineTotal));
    }
    BigDecimal discountTotal = amount(p.discountTotal(), currency, prefix + "discountTotal", violations);
    BigDecimal shippingTotal = amount(p.shippingTotal(), currency, prefix + "shippingTotal", violations);
    BigDecimal taxTotal = amount(p.taxTotal(), currency, prefix + "taxTotal", violations);
    BigDecimal total = total(subtotal, discountTotal, shippingTotal, taxTotal);
    if (violations.size() == before) {
      if (total.signum() < 0) {
        violations.add(new FieldViolation(prefix + "discountTotal",
            "must not exceed the subtotal plus shipping and tax (" + plain(subtotal.add(shippingTotal).add(taxTotal))
                + "): the total would be negative"));
      } else if (subtotal.compareTo(LIMIT) >= 0 || total.compareTo(LIMIT) >= 0) {
        violations.add(new FieldViolation(prefix + "lines", "add up to a total that is too large"));
      }
    }
    if (violations.size() != before) {
      return null;
    }
    return new PricedPurchase(p.customerId(), p.sourceSystem(), p.orderId(), p.status(), currency.getCurrencyCode(),
        micros(p.placedAt()), micros(p.sourceUpdatedAt()), lines, subtotal, discountTotal, shippingTotal, taxTotal,
        total);
  }

  /** subtotal − discountTotal + shippingTotal + taxTotal. */
  static BigDecimal total(BigDecimal subtotal, BigDecimal discountTotal, BigDecimal shippingTotal, BigDecimal taxTotal) {
    return subtotal.subtract(discountTotal).add(shippingTotal).add(taxTotal);
  }

  /**
   * An ISO 4217 currency that money is paid in: known to the JDK, and with decimal places (the codes of
   * gold, testing or "no currency", such as XAU, XTS, XXX, have none).
   */
  static Optional<Currency> currency(String code, String field, List<FieldViolation> violations) {
    Currency currency;
    try {
      currency = Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(field, "is not an ISO 4217 currency code"));
      return Optional.empty();
    }
    if (currency.getDefaultFractionDigits() < 0) {
      violations.add(new FieldViolation(field, "is not a currency that purchases can be paid in"));
      return Optional.empty();
    }
    return Optional.of(currency);
  }

  /**
   * The amount, 0 if absent; a violation if it has more decimal places than the currency (trailing zeros do not
   * count: 10.500 EUR is 10.50 EUR).
   */
  static BigDecimal amount(BigDecimal value, Currency currency, String field, List<FieldViolation> violations) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    int digits = currency.getDefaultFractionDigits();
    if (value.stripTrailingZeros().scale() > digits) {
      violations.add(new FieldViolation(field, digits == 0
          ? "must be a whole amount: " + currency.getCurrencyCode() + " has no decimal places"
          : "must have at most " + digits + " decimal place" + (digits == 1 ? "" : "s") + " for "
              + currency.getCurrencyCode()));
      return BigDecimal.ZERO;
    }
    return value;
  }

  /** An amount as stored (NUMERIC(19,4)). */
  static BigDecimal stored(BigDecimal amount) {
    return amount.setScale(STORED_SCALE, RoundingMode.UNNECESSARY);
  }

  /** An amount as shown: with exactly the currency's decimal places. */
  static BigDecimal shown(BigDecimal amount, String currencyCode) {
    return amount.setScale(Currency.getInstance(currencyCode).getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
  }

  /** The databases keep microseconds: truncating first makes "the same instant" exact after a round trip. */
  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static String plain(BigDecimal amount) {
    return amount.toPlainString();
  }
}
