package org.clientele.crm.api.integration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param message any text up to 200 characters; it is echoed back */
public record PingRequest(
    @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters")
        String message) {}
