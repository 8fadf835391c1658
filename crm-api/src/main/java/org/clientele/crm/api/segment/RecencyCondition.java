package org.clientele.crm.api.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Days since the customer's last purchase or interaction, e.g. {@code {"of":"purchases","op":"gt","days":90}}:
 * the last counted purchase is more than 90 days old. A customer without any such event matches no recency
 * condition (use {@code firstPurchase missing} or a behaviour count for "never").
 *
 * @param of {@code purchases} or {@code interactions}
 * @param where which events count (absent: counted purchases, every interaction)
 * @param op {@code gt}, {@code gte}, {@code lt} or {@code lte}
 * @param days 0–3650
 */
public record RecencyCondition(
    String of,
    @Valid EventFilter where,
    String op,
    @Min(value = 0, message = "must be at least 0") @Max(value = 3650, message = "must be at most 3650 days")
        Integer days) {}
