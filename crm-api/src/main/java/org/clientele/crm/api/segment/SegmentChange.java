package org.clientele.crm.api.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The new state of a segment (its key and kind stay). A changed rule is recomputed at once: members the new
 * rule no longer selects leave, new ones enter.
 *
 * @param rule the new rule of a dynamic segment; must be absent for a static one
 */
public record SegmentChange(
    @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
    @Size(max = 2000, message = "must be at most 2000 characters") String description,
    @Valid SegmentRule rule) {}
