package org.clientele.crm.impl.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.clientele.crm.api.customer.MergeSummary;

/** One merge, with the before-images (JSON) of every profile it touched. */
@Entity
@Table(name = "crm_customer_merge")
@NamedQuery(
    name = "CustomerMergeRecord.involving",
    query = "SELECT m FROM CustomerMergeRecord m WHERE m.survivorId = :id OR m.mergedIds = :idText"
        + " OR m.mergedIds LIKE :first OR m.mergedIds LIKE :middle OR m.mergedIds LIKE :last ORDER BY m.mergedAt DESC")
public class CustomerMergeRecord {

  /** Stands in for the before-image once erasure scrubbed it: the merge can no longer be undone. */
  static final String SCRUBBED = "{\"scrubbed\":true}";

  @Id
  @SequenceGenerator(name = "crm_merge_seq", sequenceName = "crm_merge_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_merge_seq")
  private Long id;

  @Column(name = "survivor_id", nullable = false)
  private long survivorId;

  /** Comma-separated ids, e.g. {@code 12,57}. */
  @Column(name = "merged_ids", nullable = false, length = 500)
  private String mergedIds;

  @Column(name = "merged_at", nullable = false)
  private Instant mergedAt;

  @Column(name = "actor", nullable = false, length = 200)
  private String actor;

  @Column(name = "before_image", nullable = false, length = 1000000)
  private String beforeImage;

  @Column(name = "undone_at")
  private Instant undoneAt;

  protected CustomerMergeRecord() {}

  CustomerMergeRecord(long survivorId, List<Long> mergedIds, Instant mergedAt, String actor, String beforeImage) {
    this.survivorId = survivorId;
    this.mergedIds = mergedIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    this.mergedAt = mergedAt;
    this.actor = actor;
    this.beforeImage = beforeImage;
  }

  Long id() {
    return id;
  }

  long survivorId() {
    return survivorId;
  }

  List<Long> mergedIds() {
    return Arrays.stream(mergedIds.split(",")).map(Long::valueOf).toList();
  }

  String beforeImage() {
    return beforeImage;
  }

  boolean scrubbed() {
    return SCRUBBED.equals(beforeImage);
  }

  Instant undoneAt() {
    return undoneAt;
  }

  void undo(Instant now) {
    this.undoneAt = now;
  }

  void scrub() {
    this.beforeImage = SCRUBBED;
  }

  MergeSummary toSummary() {
    return new MergeSummary(id, survivorId, mergedIds(), mergedAt, actor, undoneAt);
  }
}
