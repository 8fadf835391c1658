package org.clientele.crm.rest;

import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.rest.customer.Versions;
import org.clientele.crm.rest.problem.Problem;
import org.clientele.crm.rest.problem.ProblemType;

/**
 * Optional optimistic concurrency for working resources (conversations, follow-ups): an {@code If-Match}
 * that names a stale version gets 412; without one the change applies to the current version. Customer
 * profiles require {@code If-Match} instead (428), as lost profile updates are costly.
 */
public final class Conditional {

  private Conditional() {}

  /** @param change gets the version named by If-Match, or null */
  public static <T> Response apply(String ifMatch, String path, Function<Long, T> change,
      Function<T, Long> versionOf) {
    try {
      T result = change.apply(expectedVersion(ifMatch));
      return Response.ok(result).tag(Versions.tag(versionOf.apply(result))).build();
    } catch (ConcurrentModificationException e) {
      return Problem.of(ProblemType.PRECONDITION_FAILED, e.getMessage(), path).toResponse();
    }
  }

  /**
   * Like {@link #apply}, for a change without a representation to return (a delete): 204 when it applied.
   */
  public static Response applyWithoutContent(String ifMatch, String path, Consumer<Long> change) {
    try {
      change.accept(expectedVersion(ifMatch));
      return Response.noContent().build();
    } catch (ConcurrentModificationException e) {
      return Problem.of(ProblemType.PRECONDITION_FAILED, e.getMessage(), path).toResponse();
    }
  }

  /**
   * The version an optional {@code If-Match} names: null without one (or {@code *}), -1 for a tag we never
   * issued, which no stored version matches.
   */
  public static Long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return null;
    }
    OptionalLong parsed = Versions.fromIfMatch(ifMatch);
    return parsed.isPresent() ? parsed.getAsLong() : -1L;
  }
}
