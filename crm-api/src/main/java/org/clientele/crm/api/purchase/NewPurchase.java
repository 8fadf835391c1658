package org.clientele.crm.api.purchase;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One version of an order, as its source system has it. Recording is an upsert by {@code sourceSystem} and
 * {@code orderId}: the version with the newest {@code sourceUpdatedAt} wins whatever the arrival order.
 *
 * <p>Totals are computed, not taken: subtotal = Σ(quantity × unitPrice − line discount); total = subtotal −
 * discountTotal + shippingTotal + taxTotal, which may not be negative. Prices are net of tax: a source whose
 * prices include tax sends {@code taxTotal} 0.
 *
 * @param customerId the buyer; a merged customer's id records onto the survivor. An existing order moves to
 *     this customer when this version is applied and names another (resolved) customer than it has.
 * @param sourceSystem the system the order comes from, e.g. {@code SHOP} or {@code ERP}
 * @param orderId the order's id in that system
 * @param currency an ISO 4217 code, e.g. {@code EUR}
 * @param placedAt when the order was placed
 * @param sourceUpdatedAt the source's own updated-at of this version: decides which version wins
 * @param lines 1 to 500 lines; a newer version replaces them all
 * @param discountTotal a discount on the whole order (optional, 0 when absent)
 * @param shippingTotal shipping charges (optional, 0 when absent)
 * @param taxTotal tax on top of the prices (optional, 0 when absent)
 */
public record NewPurchase(
    long customerId,
    @NotBlank(message = "must not be blank")
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may contain only letters, digits and . _ : -")
        String sourceSystem,
    @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters")
        String orderId,
    @NotNull(message = "is required") PurchaseStatus status,
    @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z]{3}", message = "must be a three-letter ISO 4217 code")
        String currency,
    @NotNull(message = "is required") Instant placedAt,
    @NotNull(message = "is required") Instant sourceUpdatedAt,
    @NotNull(message = "is required") @Size(min = 1, max = 500, message = "must have 1 to 500 lines")
        List<@NotNull(message = "is required") @Valid PurchaseLine> lines,
    @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 15, fraction = 4, message = "must have at most 15 digits before and 4 after the point")
        BigDecimal discountTotal,
    @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 15, fraction = 4, message = "must have at most 15 digits before and 4 after the point")
        BigDecimal shippingTotal,
    @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 15, fraction = 4, message = "must have at most 15 digits before and 4 after the point")
        BigDecimal taxTotal) {

  public NewPurchase {
    // Not List.copyOf: a null element must reach validation as "is required", not fail here.
    lines = lines == null ? null : Collections.unmodifiableList(new ArrayList<>(lines));
  }
}
