package org.clientele.crm.api.system;

/**
 * Counts the SQL statements that the current thread's work sends to the database, through JPA and through plain
 * JDBC alike: an operator's check that a read costs a fixed number of round trips however much data the customer
 * has (no "N+1"). Enabled by {@code crm.diagnostics.sql-statements} (off by default); the REST API then reports
 * the count of every request in the {@code X-Crm-Sql-Statements} and {@code Server-Timing} response headers and
 * in the metric {@code crm_sql_statements_per_request}. Available by CDI injection.
 */
public interface SqlStatementCounter {

  /** Whether counting is enabled. When it is not, {@link #start()} returns a measurement that counts nothing. */
  boolean enabled();

  /**
   * Starts counting the statements this thread executes, until the measurement is closed on the same thread.
   * Measurements nest: what an inner one counts also counts for the outer one.
   */
  Measurement start();

  /** Statements counted since {@link SqlStatementCounter#start()}. */
  interface Measurement extends AutoCloseable {

    /** The statements counted so far: 0 when counting is disabled. */
    long statements();

    /**
     * Stops counting, records the count in the per-request metric under the operation's name, and returns it.
     *
     * @param operation what was measured, e.g. {@code CustomerResource.overview}: a fixed name, never data
     */
    long finish(String operation);

    /** Stops counting without recording; closing again does nothing. */
    @Override
    void close();
  }
}
