package org.clientele.crm.api.customer;

import jakarta.validation.constraints.Size;

/**
 * A postal address.
 *
 * @param country ISO 3166-1 alpha-2 code, e.g. {@code DE}
 */
public record Address(
    @Size(max = 200, message = "must be at most 200 characters") String line1,
    @Size(max = 200, message = "must be at most 200 characters") String line2,
    @Size(max = 20, message = "must be at most 20 characters") String postalCode,
    @Size(max = 100, message = "must be at most 100 characters") String city,
    @Size(max = 100, message = "must be at most 100 characters") String region,
    @Size(max = 2, message = "must be an ISO 3166-1 alpha-2 code") String country) {}
