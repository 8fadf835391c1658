package org.clientele.crm.impl.segment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clientele.crm.impl.customer.CustomerDataParticipant;

/**
 * Keeps segment memberships consistent through merges and erasures, in the caller's transaction; the exits are
 * announced after it commits. Merged customers leave every segment; the survivor takes their places in static
 * segments (hand-kept lists should still reach the person) and is re-evaluated for dynamic ones by
 * {@link TouchedCustomers}. An unmerge re-evaluates the restored customers the same way; their static
 * memberships stay with the survivor. Erasure removes the customer's membership history and scores.
 */
@ApplicationScoped
public class SegmentMembershipParticipant implements CustomerDataParticipant {

  @Inject SegmentTransactions transactions;

  @Inject SegmentAnnouncer announcer;

  @Override
  public String name() {
    return "segment-memberships";
  }

  /** Memberships are periods, not rows moved by a merge: nothing to restore by id on unmerge. */
  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return List.of();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {
    List<MembershipUpdater.Changes> changes = transactions.inTransaction(c -> {
      List<MembershipUpdater.Changes> all = new ArrayList<>();
      Map<Long, Boolean> segments = segmentsOf(c, fromCustomers);
      for (Map.Entry<Long, Boolean> segment : segments.entrySet()) {
        boolean isStatic = segment.getValue();
        all.add(MembershipUpdater.change(c, segment.getKey(), isStatic ? List.of(toCustomer) : List.of(),
            fromCustomers, Instant.now()));
      }
      return all;
    });
    announcer.announceAfterCommit(changes);
  }

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {
    // nothing: see idsOwnedBy; CustomerUnmerged re-evaluates the restored customers
  }

  @Override
  public List<?> export(long customerId) {
    return transactions.inTransaction(c -> DefaultSegmentationService.memberships(c, customerId, true));
  }

  @Override
  public void anonymize(long customerId) {
    List<MembershipUpdater.Changes> changes = transactions.inTransaction(c -> {
      List<MembershipUpdater.Changes> all = new ArrayList<>();
      for (long segmentId : segmentsOf(c, List.of(customerId)).keySet()) {
        all.add(MembershipUpdater.change(c, segmentId, List.of(), List.of(customerId), Instant.now()));
      }
      for (String sql : List.of("DELETE FROM crm_segment_member WHERE customer_id = ?",
          "DELETE FROM crm_customer_score WHERE customer_id = ?")) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setLong(1, customerId);
          s.executeUpdate();
        }
      }
      return all;
    });
    announcer.announceAfterCommit(changes);
  }

  /** The segments these customers are current members of, by id, with whether each is static. */
  private static Map<Long, Boolean> segmentsOf(Connection c, List<Long> customers) throws SQLException {
    Map<Long, Boolean> segments = new LinkedHashMap<>();
    for (List<Long> chunk : MembershipUpdater.chunks(customers)) {
      String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT g.id, g.kind FROM crm_segment_member m JOIN"
          + " crm_segment g ON g.id = m.segment_id WHERE m.left_at IS NULL AND m.customer_id IN (" + in + ")"
          + " ORDER BY g.id")) {
        int i = 1;
        for (long id : chunk) {
          s.setLong(i++, id);
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            segments.put(r.getLong(1), "STATIC".equals(r.getString(2)));
          }
        }
      }
    }
    return segments;
  }
}
