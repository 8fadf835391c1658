package org.clientele.crm.api.feedback;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A survey answer to record, idempotent by source system and source event id. The score must lie on the
 * kind's scale ({@link FeedbackKind#min()} to {@link FeedbackKind#max()}).
 *
 * @param interactionId the touchpoint the feedback is about, if any
 * @param conversationId the conversation it is about, if any; taken from the interaction when omitted
 */
public record NewFeedback(
    long customerId,
    @NotNull(message = "is required") FeedbackKind kind,
    @NotNull(message = "is required") Integer score,
    @Size(max = 4000, message = "must be at most 4000 characters") String comment,
    Long interactionId,
    Long conversationId,
    @NotNull(message = "is required") Instant receivedAt,
    @NotBlank(message = "must not be blank")
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may contain only letters, digits and . _ : -")
        String sourceSystem,
    @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters")
        String sourceEventId) {}
