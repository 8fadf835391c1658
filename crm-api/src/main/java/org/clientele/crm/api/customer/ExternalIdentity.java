package org.clientele.crm.api.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer's id in another system, e.g. {@code ERP / 100234} or {@code STORE:shop.example / 7781}.
 *
 * @param system the source system: letters, digits and {@code . _ : -}, e.g. {@code ERP}
 * @param externalId the customer's id in that system
 */
public record ExternalIdentity(
    @NotBlank(message = "must not be blank")
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may contain only letters, digits and . _ : -")
        String system,
    @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters")
        String externalId) {}
