package org.clientele.crm.api.feedback;

/** The stored feedback, and whether this call stored it (false: the source event was recorded before). */
public record FeedbackRecording(Feedback feedback, boolean created) {}
