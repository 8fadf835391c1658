package org.clientele.crm.api.purchase;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * One line of an order. Amounts are in the purchase's currency and may not have more decimal places than
 * it allows (EUR 2, JPY 0, KWD 3).
 *
 * @param sku the article's code in the source's catalogue
 * @param name the article's name as sold; erased with the customer (it may be personalised, e.g. an engraving)
 * @param category the article's category, for analytics
 * @param unitPrice the price of one unit, before the line discount
 * @param discount the discount on the whole line (optional, 0 when absent)
 */
public record PurchaseLine(
    @NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters") String sku,
    @Size(max = 300, message = "must be at most 300 characters") String name,
    @Size(max = 100, message = "must be at most 100 characters") String category,
    @Min(value = 1, message = "must be at least 1") @Max(value = 1_000_000, message = "must be at most 1000000")
        int quantity,
    @NotNull(message = "is required")
        @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 15, fraction = 4, message = "must have at most 15 digits before and 4 after the point")
        BigDecimal unitPrice,
    @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 15, fraction = 4, message = "must have at most 15 digits before and 4 after the point")
        BigDecimal discount) {}
