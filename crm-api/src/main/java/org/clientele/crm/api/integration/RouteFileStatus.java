package org.clientele.crm.api.integration;

import java.time.Instant;
import java.util.List;

/**
 * One Camel YAML DSL route file ({@code *.camel.yaml}) of the integration runtime's route directory.
 *
 * @param file the file's name in the route directory
 * @param state whether its routes run
 * @param routeIds the ids of the routes the file defines (those it tried to define when it failed; empty
 *     when it could not be parsed)
 * @param replacedRouteIds the built-in routes the file replaces (same id); they come back when the file is
 *     removed or breaks
 * @param error why the file failed, {@code null} when loaded
 * @param line the line of the file the error points at, when known
 * @param loadedAt when the runtime last read the file
 */
public record RouteFileStatus(
    String file,
    RouteFileState state,
    List<String> routeIds,
    List<String> replacedRouteIds,
    String error,
    Integer line,
    Instant loadedAt) {

  public RouteFileStatus {
    routeIds = routeIds == null ? List.of() : List.copyOf(routeIds);
    replacedRouteIds = replacedRouteIds == null ? List.of() : List.copyOf(replacedRouteIds);
  }

  /** Whether the file's routes run. */
  public boolean loaded() {
    return state == RouteFileState.LOADED;
  }
}
