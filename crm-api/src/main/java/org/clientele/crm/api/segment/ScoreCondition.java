package org.clientele.crm.api.segment;

/**
 * A score compared with a value, e.g. {@code {"op":"gte","value":60}}.
 *
 * @param op {@code eq}, {@code ne}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code between},
 *     {@code exists} or {@code missing}
 * @param value a number, {@code [low, high]} for {@code between}, absent for {@code exists}/{@code missing}
 */
public record ScoreCondition(String op, Object value) {}
