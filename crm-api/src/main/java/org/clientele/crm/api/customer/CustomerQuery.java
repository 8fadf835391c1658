package org.clientele.crm.api.customer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * A customer search; every criterion given must hold. Text criteria are matched normalized.
 *
 * @param name a prefix of the given or family name, or of "given family"
 * @param email an exact email address
 * @param phonePrefix the start of a phone number in international form, e.g. {@code +4930}
 * @param attribute a custom attribute key, with {@code attributeValue} its exact value
 */
public record CustomerQuery(
    @Size(max = 200, message = "must be at most 200 characters") String name,
    @Size(max = 320, message = "must be at most 320 characters") String email,
    @Size(max = 40, message = "must be at most 40 characters") String phonePrefix,
    @Size(max = 100, message = "must be at most 100 characters") String tag,
    LifecycleStage lifecycleStage,
    @Size(max = 100, message = "must be at most 100 characters") String attribute,
    @Size(max = 500, message = "must be at most 500 characters") String attributeValue,
    CustomerSort sort,
    boolean descending,
    @Min(value = 0, message = "must not be negative") int offset,
    @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int limit) {

  /** Everything, first page of 50, by id. */
  public static CustomerQuery all() {
    return new CustomerQuery(null, null, null, null, null, null, null, CustomerSort.ID, false, 0, 50);
  }
}
