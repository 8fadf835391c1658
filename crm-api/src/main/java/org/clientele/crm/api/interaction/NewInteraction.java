package org.clientele.crm.api.interaction;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A touchpoint to record. Recording is idempotent by {@code sourceSystem} and {@code sourceEventId}:
 * the same event recorded twice, or concurrently, is stored once.
 *
 * @param sourceSystem the system that saw the touchpoint, e.g. {@code MAILCHIMP} or {@code AGENT-DESK}
 * @param sourceEventId the event's id in that system
 * @param attributes structured details (up to 50 entries), e.g. {@code campaignId}
 * @param agent who handled it, if anyone (an id, not a name)
 * @param conversationId the conversation it belongs to, when the caller knows it
 * @param reference this touchpoint's own thread reference, e.g. an email Message-ID or a chat thread id;
 *     later touchpoints that name it in {@code inReplyTo} join the same conversation
 * @param inReplyTo the references this touchpoint answers (an email's In-Reply-To and References)
 */
public record NewInteraction(
    long customerId,
    @NotNull(message = "is required") Channel channel,
    @NotNull(message = "is required") InteractionType type,
    @NotNull(message = "is required") Direction direction,
    @NotNull(message = "is required") Instant occurredAt,
    @Size(max = 300, message = "must be at most 300 characters") String subject,
    @Size(max = 4000, message = "must be at most 4000 characters") String summary,
    @Size(max = 50, message = "must have at most 50 entries") Map<String, @Size(max = 500) String> attributes,
    @Size(max = 100, message = "must be at most 100 characters") String agent,
    @NotBlank(message = "must not be blank")
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may contain only letters, digits and . _ : -")
        String sourceSystem,
    @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters")
        String sourceEventId,
    Long conversationId,
    @Size(max = 300, message = "must be at most 300 characters") String reference,
    @Size(max = 20, message = "must have at most 20 references")
        List<@NotBlank(message = "must not be blank") @Size(max = 300, message = "must be at most 300 characters")
            String> inReplyTo) {

  public NewInteraction {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
  }

}
