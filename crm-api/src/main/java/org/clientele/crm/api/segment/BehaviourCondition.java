package org.clientele.crm.api.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A measure of the customer's events compared with a value, e.g. "at least 3 purchases in the last 30 days"
 * or "spent more than 500 EUR this year".
 *
 * @param of {@code purchases}, {@code purchaseLines} or {@code interactions}
 * @param measure {@code count}, {@code sum}, {@code avg}, {@code max} or {@code min}; only {@code count} for
 *     interactions
 * @param amountOf what sum/avg/max/min add up: for purchases {@code total}, {@code netTotal},
 *     {@code subtotal}, {@code discountTotal} or {@code refundedTotal}; for purchase lines
 *     {@code lineTotal}, {@code unitPrice} or {@code quantity}
 * @param where which events count (absent: counted purchases, every interaction)
 * @param withinLastDays only events of the last so many days before the evaluation time (1–3650)
 * @param from only events on or after this ISO date (UTC); with {@code to}
 * @param to only events on or before this ISO date (UTC); with {@code from}
 * @param op {@code eq}, {@code ne}, {@code gt}, {@code gte}, {@code lt}, {@code lte} or {@code between}
 * @param value a number, or {@code [low, high]} for {@code between}
 */
public record BehaviourCondition(
    String of,
    String measure,
    String amountOf,
    @Valid EventFilter where,
    @Min(value = 1, message = "must be at least 1") @Max(value = 3650, message = "must be at most 3650 days")
        Integer withinLastDays,
    String from,
    String to,
    String op,
    Object value) {}
