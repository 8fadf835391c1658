package org.clientele.crm.impl.persistence;

/**
 * What the schema migration did at start-up, for the readiness check and the status report.
 *
 * @param automatic whether migrations are applied at start-up ({@code crm.db.migrate})
 * @param currentVersion the newest applied migration, or {@code null} on an empty schema
 * @param pending migrations known to this release but not applied
 * @param failure why migration or inspection failed, or {@code null}
 */
public record MigrationState(boolean automatic, String currentVersion, int pending, String failure) {

  /** The schema matches this release: nothing pending and nothing failed. */
  public boolean upToDate() {
    return failure == null && pending == 0 && currentVersion != null;
  }
}
