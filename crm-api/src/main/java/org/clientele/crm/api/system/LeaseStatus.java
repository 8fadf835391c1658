package org.clientele.crm.api.system;

import java.time.Instant;

/**
 * A leader lease as the database holds it.
 *
 * @param name the lease, one per job that must run on one server at a time (e.g. {@code segment-recompute})
 * @param holder the node that holds (or last held) it
 * @param epoch the fencing token: raised at every take-over, never by a renewal
 * @param acquiredAt when the holder took it
 * @param renewedAt the holder's latest renewal
 * @param expiresAt when another node may take it over unless the holder renews it
 * @param expired whether it was past {@code expiresAt} when read (the database's clock)
 * @param heldHere whether the node that answered holds it
 */
public record LeaseStatus(
    String name,
    String holder,
    long epoch,
    Instant acquiredAt,
    Instant renewedAt,
    Instant expiresAt,
    boolean expired,
    boolean heldHere) {}
