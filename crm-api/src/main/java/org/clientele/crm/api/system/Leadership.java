package org.clientele.crm.api.system;

import java.util.List;

/**
 * Leader leases in the shared database: among the servers sharing it, at most one holds a lease at a time, and
 * another takes it over once the holder stops renewing it (it died, or lost the database). A job that must run
 * once per cluster asks before each run:
 *
 * <pre>{@code
 * if (!leadership.isLeader("email-engagement-import")) return; // another server runs it
 * }</pre>
 *
 * A Camel route uses {@code org.clientele.crm.camel.support.LeaderRoutePolicy}, which starts its consumer on the
 * holder only. The first question about a lease makes this server compete for it; from then on it renews (or
 * tries to take over) the lease every {@code crm.cluster.lease.renew-period}.
 *
 * <p>Available by CDI injection.
 */
public interface Leadership {

  /**
   * Whether this server holds the lease now (and keeps competing for it). Cheap after the first call for a name:
   * it answers from memory, and turns false by itself before the lease could be taken over elsewhere if renewals
   * stop succeeding. With {@code crm.cluster.lease.enabled=false} (one server only), always true.
   *
   * @param lease the lease's name: lower case letters, digits and dashes, at most 100 characters
   */
  boolean isLeader(String lease);

  /** Every lease the database holds, with its holder, epoch and expiry. */
  List<LeaseStatus> leases();
}
