package org.clientele.crm.api.conversation;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * A status change; {@code at} is when it happened (default now), e.g. when the resolution happened in
 * another system. It may not lie before the conversation opened nor in the future.
 */
public record StatusChange(@NotNull(message = "is required") ConversationStatus status, Instant at) {}
