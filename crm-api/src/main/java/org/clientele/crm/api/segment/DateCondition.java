package org.clientele.crm.api.segment;

/**
 * A point in time compared with a value, as for date fields: e.g. {@code {"op":"after","value":"2026-01-01"}}
 * or {@code {"op":"withinLastDays","value":30}}.
 *
 * @param op a date operator ({@code eq}, {@code ne}, {@code before}, {@code after}, {@code gt}, {@code gte},
 *     {@code lt}, {@code lte}, {@code between}, {@code withinLastDays}, {@code moreThanDaysAgo},
 *     {@code exists}, {@code missing})
 * @param value an ISO date or instant, {@code [from, to]} for {@code between}, a number of days for the
 *     relative operators, absent for {@code exists}/{@code missing}
 */
public record DateCondition(String op, Object value) {}
