package org.clientele.crm.api.segment;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which events a behaviour or recency condition looks at; every member set narrows the selection, a list
 * meaning "any of". Purchases take {@code status}, {@code currency}, {@code source}, {@code category} and
 * {@code sku} (a purchase qualifies when one of its lines has one of the categories and one of the SKUs);
 * interactions take {@code channel}, {@code type} and {@code direction}.
 *
 * @param status purchase statuses; absent: the counted ones (not {@code CANCELLED}, not {@code REFUNDED})
 * @param currency the purchase currency (ISO 4217); required for sums, averages, minima and maxima of money
 * @param source the purchases' source systems
 * @param category line categories
 * @param sku line SKUs
 * @param channel interaction channels, e.g. {@code EMAIL}
 * @param type interaction types, e.g. {@code CAMPAIGN_OPENED}
 * @param direction interaction directions: {@code INBOUND}, {@code OUTBOUND}, {@code INTERNAL}
 */
public record EventFilter(
    @Size(max = 20, message = "must have at most 20 values") List<String> status,
    @Size(max = 3, message = "must be at most 3 characters") String currency,
    @Size(max = 100, message = "must have at most 100 values") List<String> source,
    @Size(max = 1000, message = "must have at most 1000 values") List<String> category,
    @Size(max = 1000, message = "must have at most 1000 values") List<String> sku,
    @Size(max = 20, message = "must have at most 20 values") List<String> channel,
    @Size(max = 20, message = "must have at most 20 values") List<String> type,
    @Size(max = 3, message = "must have at most 3 values") List<String> direction) {

  /** No filter: counted purchases, or every interaction. */
  public static EventFilter none() {
    return new EventFilter(null, null, null, null, null, null, null, null);
  }
}
