package org.clientele.crm.api.purchase;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money paid back on a purchase, recorded once per {@code refundId}. Refunds of a purchase may add up to its
 * total at most; when they reach it, the purchase is {@link PurchaseStatus#REFUNDED}.
 *
 * @param refundId the refund's id in the source (or payment) system
 * @param amount in the purchase's currency, with no more decimal places than it allows
 * @param reason why, for people (optional); erased with the customer
 */
public record NewRefund(
    @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters")
        String refundId,
    @NotNull(message = "is required")
        @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @Digits(integer = 15, fraction = 4, message = "must have at most 15 digits before and 4 after the point")
        BigDecimal amount,
    @NotNull(message = "is required") Instant refundedAt,
    @Size(max = 500, message = "must be at most 500 characters") String reason) {}
