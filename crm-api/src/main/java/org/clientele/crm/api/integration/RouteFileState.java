package org.clientele.crm.api.integration;

/** Outcome of reading one route file. */
public enum RouteFileState {
  /** The file's routes were added and started (or left stopped when the file says so). */
  LOADED,
  /** The file could not be parsed, or its routes could not be added or started; none of them runs. */
  FAILED
}
