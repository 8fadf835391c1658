package org.clientele.crm.api.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new segment.
 *
 * @param key a stable identifier that rules and integrations refer to, e.g. {@code lapsed-vip}: lower-case
 *     letters, digits and dashes, starting with a letter
 * @param name a readable name for lists
 * @param description what the segment is for (optional)
 * @param kind {@code DYNAMIC} (with a rule) or {@code STATIC} (without)
 * @param rule the rule of a dynamic segment; must be absent for a static one
 */
public record SegmentDefinition(
    @NotBlank(message = "is required")
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = "[a-z][a-z0-9-]*", message = "must be lower-case letters, digits and dashes, starting with a letter")
    String key,
    @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
    @Size(max = 2000, message = "must be at most 2000 characters") String description,
    @NotNull(message = "is required") SegmentKind kind,
    @Valid SegmentRule rule) {}
