package org.clientele.crm.impl.system;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.system.LeaseStatus;
import org.clientele.crm.api.system.Leadership;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Leader leases in {@code crm_lease} ({@link LeaseStore}), renewed on the managed scheduled executor every
 * {@code crm.cluster.lease.renew-period} for each lease this server has asked about. What {@link #isLeader} answers
 * comes from memory: true from a successful acquisition or renewal until {@code crm.cluster.lease.duration} (less a
 * safety margin) after the attempt began, which is before the database's expiry, so that a server whose renewals
 * fail (the database gone, a long pause) stops counting itself the holder before another one can take over.
 *
 * <p>Not on PostgreSQL advisory locks: those belong to a database session, and a pooled connection's session
 * neither dies with the server's work nor stays with it (the pool may close or hand it to another thread), and
 * H2 has none. A row with an expiry works the same on both databases, can be read by operators, and carries an
 * epoch for fencing.
 *
 * <p>Metrics: {@code crm_cluster_lease_held{lease}} (1 on the holder), {@code crm_cluster_lease_acquired_total{lease}}
 * and {@code crm_cluster_lease_lost_total{lease}} (leadership changes seen by this server).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED) // its statements commit one by one, never in a caller's transaction
public class DefaultLeadership implements Leadership {

  private static final Logger LOG = Logger.getLogger(DefaultLeadership.class.getName());
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  static final String HELD = "crm.cluster.lease.held";
  static final String ACQUIRED = "crm.cluster.lease.acquired";
  static final String LOST = "crm.cluster.lease.lost";

  @Inject
  @ConfigProperty(name = "crm.cluster.lease.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "crm.cluster.lease.duration", defaultValue = "PT15S")
  String duration;

  @Inject
  @ConfigProperty(name = "crm.cluster.lease.renew-period", defaultValue = "PT5S")
  String renewPeriod;

  @Inject NodeIdentity node;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Resource ManagedScheduledExecutorService executor;

  /** The leases this server competes for, and what it knows of each. */
  private final Map<String, Claim> claims = new ConcurrentHashMap<>();
  private ScheduledFuture<?> renewer;
  private volatile boolean stopped;

  /** This server's view of one lease. */
  static final class Claim {
    volatile long epoch;
    /** {@link System#nanoTime()} until which the lease is surely ours; meaningful while {@code epoch > 0}. */
    volatile long validUntilNanos;
    volatile String holder;
  }

  @Override
  public boolean isLeader(String lease) {
    if (!enabled) {
      return true;
    }
    if (lease == null || !NAME.matcher(lease).matches()) {
      throw new InvalidInputException("lease", "must be lower case letters, digits and dashes, at most 100");
    }
    Claim claim = claims.get(lease);
    if (claim == null) {
      claim = compete(lease);
    }
    return holds(claim);
  }

  private static boolean holds(Claim claim) {
    return claim != null && claim.epoch > 0 && System.nanoTime() - claim.validUntilNanos < 0;
  }

  /** Joins the competition for a lease: one attempt now, so that the first answer is already a real one. */
  private synchronized Claim compete(String lease) {
    Claim claim = claims.get(lease);
    if (claim != null) {
      return claim;
    }
    claim = new Claim();
    registry.gauge(HELD, claim, c -> holds(c) ? 1 : 0,
        new Tag("lease", lease));
    attempt(lease, claim);
    claims.put(lease, claim);
    if (renewer == null && !stopped) {
      Duration every = Duration.parse(renewPeriod);
      renewer = executor.scheduleWithFixedDelay(this::renewAll, every.toMillis(), every.toMillis(),
          TimeUnit.MILLISECONDS);
      LOG.info(() -> "Node " + node.name() + " competes for leader leases (" + duration + ", renewed every "
          + every + ")");
    }
    return claim;
  }

  private void renewAll() {
    claims.forEach((lease, claim) -> {
      if (!stopped) {
        attempt(lease, claim);
      }
    });
  }

  /** Renews or takes over the lease; on a database failure the claim simply runs out. */
  private void attempt(String lease, Claim claim) {
    Duration d = Duration.parse(duration);
    long started = System.nanoTime();
    String me = node.name();
    try (Connection c = dataSource.getConnection()) {
      LeaseStore.Lease now = LeaseStore.acquire(c, lease, me, claim.epoch, d);
      boolean held = now.heldBy(me);
      long previous = claim.epoch;
      if (held) {
        claim.validUntilNanos = started + d.toNanos() - margin(d).toNanos();
        claim.epoch = now.epoch();
        if (previous != now.epoch()) {
          registry.counter(ACQUIRED, new Tag("lease", lease)).inc();
          LOG.info(() -> "Node " + me + " holds lease " + lease + " (epoch " + now.epoch() + ")");
        }
      } else {
        claim.epoch = 0;
        if (previous > 0) {
          registry.counter(LOST, new Tag("lease", lease)).inc();
          LOG.warning(() -> "Node " + me + " lost lease " + lease + " to " + now.holder() + " (epoch " + now.epoch()
              + ")");
        }
      }
      claim.holder = now.holder();
    } catch (SQLException | RuntimeException e) {
      // the claim runs out by itself (validUntilNanos); the next period tries again
      LOG.log(Level.WARNING, "Lease " + lease + " could not be renewed or acquired: " + e.getMessage(), e);
    }
  }

  /** Stops counting on the lease a little before the database's expiry: 10% of the duration, at most a second. */
  static Duration margin(Duration d) {
    Duration tenth = d.dividedBy(10);
    return tenth.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : tenth;
  }

  @Override
  public List<LeaseStatus> leases() {
    String me = node.name();
    try (Connection c = dataSource.getConnection()) {
      return LeaseStore.all(c).stream()
          .map(l -> new LeaseStatus(l.name(), l.holder(), l.epoch(), l.acquiredAt(), l.renewedAt(), l.expiresAt(),
              !l.expiresAt().isAfter(l.now()), l.heldBy(me) && holds(claims.get(l.name()))))
          .toList();
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the leases failed: " + e.getMessage(), e);
    }
  }

  /** An orderly stop hands the leases over at once instead of after their expiry. */
  @PreDestroy
  synchronized void stop() {
    stopped = true;
    if (renewer != null) {
      renewer.cancel(false);
    }
    String me = node.name();
    claims.forEach((lease, claim) -> {
      long epoch = claim.epoch;
      claim.epoch = 0;
      if (epoch > 0) {
        try (Connection c = dataSource.getConnection()) {
          if (LeaseStore.release(c, lease, me, epoch)) {
            LOG.info(() -> "Node " + me + " released lease " + lease);
          }
        } catch (SQLException | RuntimeException e) {
          LOG.log(Level.INFO, "Lease " + lease + " not released (it expires by itself): " + e.getMessage());
        }
      }
    });
  }
}
