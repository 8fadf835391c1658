package org.clientele.crm.api.conversation;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;

/** Who handles a conversation: an agent, a team, or both. Both null unassigns it. */
public record Assignment(
    @Size(max = 100, message = "must be at most 100 characters") String agent,
    @Size(max = 100, message = "must be at most 100 characters") String team) {

  @AssertTrue(message = "must not be blank when given")
  public boolean isNamesNotBlank() {
    return (agent == null || !agent.isBlank()) && (team == null || !team.isBlank());
  }
}
