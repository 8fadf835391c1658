package org.clientele.crm.api.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An additional email address or phone number (the primary ones are fields of the profile).
 *
 * @param type email or phone
 * @param value the address or number; stored normalized (lower-case email, E.164 phone)
 * @param label what it is, e.g. {@code work}
 */
public record ContactPoint(
    @NotNull(message = "is required") ContactType type,
    @NotBlank(message = "must not be blank") @Size(max = 320, message = "must be at most 320 characters")
        String value,
    @Size(max = 50, message = "must be at most 50 characters") String label) {}
