package org.clientele.crm.impl.segment;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.CustomerAttributeService;
import org.clientele.crm.api.customer.CustomerSummary;
import org.clientele.crm.api.customer.LifecycleStage;
import org.clientele.crm.api.segment.MemberCount;
import org.clientele.crm.api.segment.MemberImport;
import org.clientele.crm.api.segment.MemberImportResult;
import org.clientele.crm.api.segment.Segment;
import org.clientele.crm.api.segment.SegmentChange;
import org.clientele.crm.api.segment.SegmentDefinition;
import org.clientele.crm.api.segment.SegmentEvaluation;
import org.clientele.crm.api.segment.SegmentKind;
import org.clientele.crm.api.segment.SegmentMember;
import org.clientele.crm.api.segment.SegmentMemberPage;
import org.clientele.crm.api.segment.SegmentMembership;
import org.clientele.crm.api.segment.SegmentRule;
import org.clientele.crm.api.segment.SegmentationService;
import org.clientele.crm.impl.audit.AuditLog;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.customer.InputNormalizer;
import org.clientele.crm.impl.validation.InputValidator;

/**
 * The segmentation service: definitions in crm_segment, memberships kept by {@link MembershipUpdater} in
 * transactions of their own ({@link SegmentTransactions}) and announced after commit
 * ({@link SegmentAnnouncer}). Incremental re-evaluation of touched customers is driven by
 * {@link TouchedCustomers}; the periodic full recomputation by {@link SegmentSchedule}.
 */
@ApplicationScoped
public class DefaultSegmentationService implements SegmentationService {

  private static final Logger LOG = Logger.getLogger(DefaultSegmentationService.class.getName());
  private static final int MAX_HAND_CHANGES = 10_000;

  @Inject SegmentTransactions transactions;

  @Inject SegmentAnnouncer announcer;

  @Inject SegmentSqlCompiler compiler;

  @Inject CustomerAttributeService attributes;

  @Inject CustomerResolver customers;

  @Inject RfmScorer scorer;

  @Inject InputValidator inputs;

  @Inject AuditLog audit;

  @Inject TouchedCustomers touched;

  private final SegmentRuleValidator validator = new SegmentRuleValidator();

  // ---- definitions

  @Override
  public Segment define(SegmentDefinition definition) {
    inputs.check("segment", definition);
    checkKindAndRule(definition.kind(), definition.rule());
    List<StoredSegment> existing = transactions.read(SegmentStore::all);
    if (existing.stream().anyMatch(g -> g.key().equals(definition.key()))) {
      throw new ConflictException("A segment with key " + definition.key() + " exists already");
    }
    if (definition.rule() != null) {
      validator.validate(definition.key(), definition.rule(), catalog(existing));
    }
    long id = transactions.inNewTransaction(c -> {
      long created = SegmentStore.insert(c, definition.key(), definition.name().strip(),
          blankToNull(definition.description()), definition.kind(), definition.rule(), Instant.now());
      audit.record("segment.defined", "Segment", definition.key(), "kind=" + definition.kind());
      return created;
    });
    if (definition.kind() == SegmentKind.DYNAMIC) {
      evaluate(definition.key());
    }
    return load(id).toSegment();
  }

  @Override
  public Segment update(String key, SegmentChange change, Long expectedVersion) {
    inputs.check("segment", change);
    List<StoredSegment> all = transactions.read(SegmentStore::all);
    StoredSegment current = find(all, key);
    checkKindAndRule(current.kind(), change.rule());
    if (change.rule() != null) {
      validator.validate(key, change.rule(), catalog(all));
    }
    boolean ruleChanged = !Objects.equals(SegmentStore.ruleJson(change.rule()), SegmentStore.ruleJson(current.rule()));
    transactions.inNewTransaction(c -> {
      StoredSegment locked = MembershipUpdater.lock(c, current.id());
      if (expectedVersion != null && expectedVersion != locked.version()) {
        throw new ConcurrentModificationException("Segment " + key, expectedVersion, locked.version());
      }
      SegmentStore.update(c, current.id(), change.name().strip(), blankToNull(change.description()), change.rule(),
          Instant.now());
      audit.record("segment.changed", "Segment", key, ruleChanged ? "rule changed" : "name or description changed");
      return null;
    });
    if (ruleChanged) {
      evaluate(key);
    }
    return load(current.id()).toSegment();
  }

  @Override
  public void delete(String key, Long expectedVersion) {
    List<StoredSegment> all = transactions.read(SegmentStore::all);
    StoredSegment segment = find(all, key);
    List<String> referring = all.stream().filter(g -> g.rule() != null
        && SegmentRuleValidator.referencedSegments(g.rule()).contains(key)).map(StoredSegment::key).toList();
    if (!referring.isEmpty()) {
      throw new ConflictException("Segment " + key + " is referred to by the rules of " + referring
          + "; change those first");
    }
    MembershipUpdater.Changes left = transactions.inNewTransaction(c -> {
      StoredSegment locked = MembershipUpdater.lock(c, segment.id());
      if (expectedVersion != null && expectedVersion != locked.version()) {
        throw new ConcurrentModificationException("Segment " + key, expectedVersion, locked.version());
      }
      // the members leave first, so that their exits are announced like any other
      List<Long> members = MembershipUpdater.currentMembers(c, segment.id());
      MembershipUpdater.Changes changes = exitAll(c, segment.id(), members);
      SegmentStore.delete(c, segment.id());
      audit.record("segment.deleted", "Segment", key, "members=" + members.size());
      return changes;
    });
    announcer.announce(left);
  }

  private static MembershipUpdater.Changes exitAll(Connection c, long segmentId, List<Long> members)
      throws SQLException {
    if (members.size() <= MAX_HAND_CHANGES) {
      return MembershipUpdater.change(c, segmentId, List.of(), members, Instant.now());
    }
    // a large segment: the ids are few bytes each, but go through the same per-chunk path
    List<Long> entered = new ArrayList<>();
    List<Long> exited = new ArrayList<>();
    Instant at = null;
    String key = null;
    for (List<Long> chunk : MembershipUpdater.chunks(members)) {
      MembershipUpdater.Changes part = MembershipUpdater.change(c, segmentId, List.of(), chunk, Instant.now());
      exited.addAll(part.exited());
      at = part.at();
      key = part.segmentKey();
    }
    return new MembershipUpdater.Changes(segmentId, key, at, entered, exited);
  }

  @Override
  public Segment find(String key) {
    return stored(key).toSegment();
  }

  @Override
  public List<Segment> list() {
    return transactions.read(SegmentStore::all).stream().map(StoredSegment::toSegment).toList();
  }

  @Override
  public List<FieldViolation> validate(String key, SegmentRule rule) {
    if (rule == null) {
      return List.of(new FieldViolation("rule", "is required"));
    }
    return validator.violations(key, rule, catalog(transactions.read(SegmentStore::all)));
  }

  @Override
  public org.clientele.crm.api.segment.SegmentPreview preview(SegmentRule rule, int sampleSize) {
    if (rule == null) {
      throw new InvalidInputException("rule", "is required");
    }
    if (sampleSize < 0 || sampleSize > 100) {
      throw new InvalidInputException("sample", "must be between 0 and 100");
    }
    Instant asOf = Instant.now();
    CompiledRule compiled = compiler.compile(null, rule, catalog(transactions.read(SegmentStore::all)), asOf, null);
    return transactions.read(c -> {
      long count;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM (" + compiled.sql() + ") q")) {
        compiled.bind(s);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          count = r.getLong(1);
        }
      }
      List<Long> sample = new ArrayList<>();
      if (sampleSize > 0) {
        try (PreparedStatement s = c.prepareStatement("SELECT q.id FROM (" + compiled.sql() + ") q ORDER BY q.id"
            + " FETCH FIRST " + sampleSize + " ROWS ONLY")) {
          compiled.bind(s);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              sample.add(r.getLong(1));
            }
          }
        }
      }
      Map<Long, CustomerSummary> summaries = summaries(c, sample);
      return new org.clientele.crm.api.segment.SegmentPreview(count,
          sample.stream().map(summaries::get).filter(Objects::nonNull).toList(), asOf);
    });
  }

  // ---- recomputation

  @Override
  public SegmentEvaluation evaluate(String key) {
    List<StoredSegment> all = transactions.read(SegmentStore::all);
    StoredSegment segment = find(all, key);
    if (!segment.dynamic()) {
      return new SegmentEvaluation(key, 0, 0, segment.memberCount(), Instant.now(), 0);
    }
    SegmentEvaluation evaluation = recompute(segment, all);
    // segments whose rules refer to this one see its new members now, not at the next schedule
    Set<String> dependents = SegmentStore.dependents(all, key);
    if (evaluation.entered() + evaluation.exited() > 0 && !dependents.isEmpty()) {
      for (StoredSegment dependent : SegmentStore.inEvaluationOrder(all)) {
        if (dependents.contains(dependent.key()) && dependent.dynamic()) {
          recompute(dependent, all);
        }
      }
    }
    return evaluation;
  }

  @Override
  public List<SegmentEvaluation> evaluateAll() {
    scorer.recompute(Instant.now());
    List<StoredSegment> all = transactions.read(SegmentStore::all);
    List<SegmentEvaluation> evaluations = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    RuntimeException first = null;
    for (StoredSegment segment : SegmentStore.inEvaluationOrder(all)) {
      if (!segment.dynamic()) {
        continue;
      }
      try {
        evaluations.add(recompute(segment, all));
      } catch (RuntimeException e) {
        // one broken segment (e.g. its attribute's definition was removed) does not hold up the others
        LOG.log(Level.WARNING, e, () -> "Recomputing segment " + segment.key() + " failed");
        failed.add(segment.key());
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new IllegalStateException("Recomputing segments " + failed + " failed; the others are up to date: "
          + first.getMessage(), first);
    }
    return evaluations;
  }

  private SegmentEvaluation recompute(StoredSegment segment, List<StoredSegment> all) {
    long started = System.nanoTime();
    Instant asOf = Instant.now();
    CompiledRule rule = compiler.compile(segment.key(), segment.rule(), catalog(all), asOf, null);
    MembershipUpdater.Recomputed recomputed = transactions.inNewTransaction(c ->
        MembershipUpdater.recompute(c, segment.id(), rule, asOf));
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.fine(() -> "Segment " + segment.key() + " recomputed in " + millis + " ms: " + recomputed);
    announcer.announce(segment.id(), segment.key(), recomputed);
    return new SegmentEvaluation(segment.key(), recomputed.entered(), recomputed.exited(), recomputed.members(),
        recomputed.at(), millis);
  }

  /**
   * Re-evaluates these customers in every dynamic segment, referenced segments first, each segment in a
   * transaction of its own; called by {@link TouchedCustomers} after the changes committed.
   */
  void reevaluate(Collection<Long> customerIds) {
    if (customerIds.isEmpty()) {
      return;
    }
    List<StoredSegment> all = transactions.read(SegmentStore::all);
    SegmentCatalog catalog = catalog(all);
    for (List<Long> chunk : MembershipUpdater.chunks(new TreeSet<>(customerIds))) {
      for (StoredSegment segment : SegmentStore.inEvaluationOrder(all)) {
        if (!segment.dynamic()) {
          continue;
        }
        Instant asOf = Instant.now();
        CompiledRule rule;
        try {
          rule = compiler.compile(segment.key(), segment.rule(), catalog, asOf, chunk);
        } catch (InvalidInputException e) {
          LOG.warning(() -> "Segment " + segment.key() + " has a rule that no longer compiles: " + e.getMessage());
          continue;
        }
        MembershipUpdater.Changes changes = transactions.inNewTransaction(c ->
            MembershipUpdater.reevaluate(c, segment.id(), rule, chunk, asOf));
        announcer.announce(changes);
      }
    }
  }

  // ---- membership reads

  @Override
  public SegmentMemberPage members(String key, Long afterCustomerId, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit", "must be between 1 and 1000");
    }
    StoredSegment segment = stored(key);
    return transactions.read(c -> {
      List<Long> ids = new ArrayList<>();
      List<Instant> entered = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT customer_id, entered_at FROM crm_segment_member"
          + " WHERE segment_id = ? AND left_at IS NULL AND customer_id > ? ORDER BY customer_id FETCH FIRST "
          + (limit + 1) + " ROWS ONLY")) {
        s.setLong(1, segment.id());
        s.setLong(2, afterCustomerId == null ? 0 : afterCustomerId);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            ids.add(r.getLong(1));
            entered.add(SegmentStore.instant(r, "entered_at"));
          }
        }
      }
      Long next = null;
      if (ids.size() > limit) {
        ids.remove(limit);
        entered.remove(limit);
        next = ids.get(limit - 1);
      }
      Map<Long, CustomerSummary> summaries = summaries(c, ids);
      List<SegmentMember> members = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        members.add(new SegmentMember(summaries.get(ids.get(i)), entered.get(i)));
      }
      return new SegmentMemberPage(members, MembershipUpdater.countMembers(c, segment.id()), next);
    });
  }

  @Override
  public boolean isMember(String key, long customerId) {
    StoredSegment segment = stored(key);
    long id;
    try {
      id = customers.resolve(customerId);
    } catch (ResourceNotFoundException e) {
      return false;
    }
    return transactions.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM crm_segment_member WHERE segment_id = ?"
          + " AND customer_id = ? AND left_at IS NULL")) {
        s.setLong(1, segment.id());
        s.setLong(2, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next();
        }
      }
    });
  }

  @Override
  public List<SegmentMembership> segmentsOf(long customerId, boolean history) {
    long id = customers.resolve(customerId);
    return transactions.read(c -> memberships(c, id, history));
  }

  /** The customer's membership periods, latest first. */
  static List<SegmentMembership> memberships(Connection c, long customerId, boolean history) throws SQLException {
    List<SegmentMembership> memberships = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT g.segment_key, g.name, m.entered_at, m.left_at"
        + " FROM crm_segment_member m JOIN crm_segment g ON g.id = m.segment_id WHERE m.customer_id = ?"
        + (history ? "" : " AND m.left_at IS NULL") + " ORDER BY m.entered_at DESC, g.segment_key")) {
      s.setLong(1, customerId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          memberships.add(new SegmentMembership(customerId, r.getString(1), r.getString(2),
              SegmentStore.instant(r, "entered_at"), SegmentStore.instant(r, "left_at")));
        }
      }
    }
    return memberships;
  }

  @Override
  public List<MemberCount> memberCounts(String key, Instant from, Instant to, int points) {
    List<FieldViolation> violations = new ArrayList<>();
    if (from == null) {
      violations.add(new FieldViolation("from", "is required"));
    }
    if (to == null) {
      violations.add(new FieldViolation("to", "is required"));
    }
    if (from != null && to != null && !to.isAfter(from)) {
      violations.add(new FieldViolation("to", "must be after from"));
    }
    if (points < 2 || points > 500) {
      violations.add(new FieldViolation("points", "must be between 2 and 500"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    StoredSegment segment = stored(key);
    double step = (double) Duration.between(from, to).toNanos() / 1e9 / (points - 1);
    long[] deltas = new long[points];
    long base = transactions.read(c -> {
      long atFrom;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM crm_segment_member WHERE segment_id = ?"
          + " AND entered_at <= ? AND (left_at IS NULL OR left_at > ?)")) {
        s.setLong(1, segment.id());
        s.setObject(2, at(from));
        s.setObject(3, at(from));
        try (ResultSet r = s.executeQuery()) {
          r.next();
          atFrom = r.getLong(1);
        }
      }
      // entries and exits after "from", counted into the first point at or after them
      bucket(c, segment.id(), "entered_at", from, to, step, deltas, 1);
      bucket(c, segment.id(), "left_at", from, to, step, deltas, -1);
      return atFrom;
    });
    List<MemberCount> counts = new ArrayList<>();
    long members = base;
    for (int i = 0; i < points; i++) {
      members += deltas[i];
      Instant point = i == points - 1 ? to : from.plusNanos(Math.round(step * 1e9 * i));
      counts.add(new MemberCount(point, members));
    }
    return counts;
  }

  private static void bucket(Connection c, long segmentId, String column, Instant from, Instant to, double step,
      long[] deltas, int sign) throws SQLException {
    // grouped in an outer query: PostgreSQL does not see two parameterized expressions as the same one
    try (PreparedStatement s = c.prepareStatement("SELECT b, COUNT(*) FROM (SELECT CEILING((EXTRACT(EPOCH FROM "
        + column + ") - ?) / ?) b FROM crm_segment_member WHERE segment_id = ? AND " + column + " > ? AND " + column
        + " <= ?) t GROUP BY b")) {
      double fromSeconds = from.getEpochSecond() + from.getNano() / 1e9;
      s.setDouble(1, fromSeconds);
      s.setDouble(2, step);
      s.setLong(3, segmentId);
      s.setObject(4, at(from));
      s.setObject(5, at(to));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          int index = (int) Math.min(deltas.length - 1, Math.max(1, r.getLong(1)));
          deltas[index] += sign * r.getLong(2);
        }
      }
    }
  }

  // ---- static segments

  @Override
  public List<Long> addMembers(String key, List<Long> customerIds) {
    return handChange(key, customerIds, true).entered();
  }

  @Override
  public List<Long> removeMembers(String key, List<Long> customerIds) {
    return handChange(key, customerIds, false).exited();
  }

  private MembershipUpdater.Changes handChange(String key, List<Long> customerIds, boolean add) {
    if (customerIds == null || customerIds.isEmpty() || customerIds.size() > MAX_HAND_CHANGES) {
      throw new InvalidInputException("customerIds", "must name 1 to " + MAX_HAND_CHANGES + " customers");
    }
    StoredSegment segment = staticSegment(key);
    List<Long> resolved = add ? activeCustomers(customerIds) : customerIds.stream().filter(Objects::nonNull).toList();
    MembershipUpdater.Changes changes = transactions.inNewTransaction(c -> MembershipUpdater.change(c, segment.id(),
        add ? resolved : List.of(), add ? List.of() : resolved, Instant.now()));
    announcer.announce(changes);
    touch(changes);
    return changes;
  }

  @Override
  public MemberImportResult importMembers(String key, MemberImport memberImport) {
    inputs.check("memberImport", memberImport);
    StoredSegment segment = staticSegment(key);
    MemberCsv.Parsed parsed = MemberCsv.parse(memberImport.csv());
    List<MemberImportResult.UnmatchedRow> unmatched = new ArrayList<>();
    Set<Long> listed = new LinkedHashSet<>();
    transactions.read(c -> {
      match(c, parsed, listed, unmatched);
      return null;
    });
    long[] already = {0};
    MembershipUpdater.Changes changes = transactions.inNewTransaction(c -> {
      List<Long> leaving = new ArrayList<>();
      if (memberImport.replace()) {
        MembershipUpdater.currentMembers(c, segment.id()).stream().filter(id -> !listed.contains(id))
            .forEach(leaving::add);
      }
      MembershipUpdater.Changes changed = MembershipUpdater.change(c, segment.id(), listed, leaving, Instant.now());
      already[0] = listed.size() - changed.entered().size();
      audit.record("segment.imported", "Segment", key, "rows=" + parsed.rows().size() + " entered="
          + changed.entered().size() + " exited=" + changed.exited().size() + " unmatched=" + unmatched.size());
      return changed;
    });
    announcer.announce(changes);
    touch(changes);
    return new MemberImportResult(parsed.rows().size(), changes.entered().size(), already[0],
        changes.exited().size(), unmatched);
  }

  /** Resolves the rows to active customers (a merged customer's row counts for the survivor). */
  private void match(Connection c, MemberCsv.Parsed parsed, Set<Long> listed,
      List<MemberImportResult.UnmatchedRow> unmatched) throws SQLException {
    InputNormalizer normalizer = new InputNormalizer(null);
    String sql = switch (parsed.key()) {
      case CUSTOMER_ID -> "SELECT id FROM crm_customer WHERE id = ?";
      case EMAIL -> "SELECT customer_id FROM crm_customer_match_key WHERE kind = 'EMAIL' AND key_value = ?";
      case IDENTITY -> "SELECT customer_id FROM crm_customer_identity WHERE source_system = ? AND external_id = ?";
    };
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (MemberCsv.Row row : parsed.rows()) {
        Long found = null;
        String value = row.value();
        if (parsed.key() == MemberCsv.Key.EMAIL) {
          value = normalizer.email("email", value, new ArrayList<>());
        }
        if (value != null) {
          if (parsed.key() == MemberCsv.Key.IDENTITY) {
            s.setString(1, row.system());
            s.setString(2, value);
          } else if (parsed.key() == MemberCsv.Key.CUSTOMER_ID) {
            s.setLong(1, Long.parseLong(value));
          } else {
            s.setString(1, value);
          }
          try (ResultSet r = s.executeQuery()) {
            found = r.next() ? r.getLong(1) : null;
          }
        }
        Long active = found == null ? null : activeOrNull(found);
        if (active == null) {
          unmatched.add(new MemberImportResult.UnmatchedRow(row.line(),
              row.system() == null ? row.value() : row.system() + ":" + row.value()));
        } else {
          listed.add(active);
        }
      }
    }
  }

  private Long activeOrNull(long customerId) {
    try {
      return customers.resolve(customerId);
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  /** The active customers these ids stand for; unknown or erased ones are rejected by position. */
  private List<Long> activeCustomers(List<Long> customerIds) {
    List<FieldViolation> violations = new ArrayList<>();
    List<Long> resolved = new ArrayList<>();
    for (int i = 0; i < customerIds.size(); i++) {
      Long id = customerIds.get(i);
      Long active = id == null ? null : activeOrNull(id);
      if (active == null) {
        if (violations.size() < 100) {
          violations.add(new FieldViolation("customerIds[" + i + "]", "no customer " + id));
        }
      } else {
        resolved.add(active);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return resolved;
  }

  private StoredSegment staticSegment(String key) {
    StoredSegment segment = stored(key);
    if (segment.dynamic()) {
      throw new InvalidInputException("key", "segment " + key + " is dynamic: its rule decides its members");
    }
    return segment;
  }

  /** Segments whose rules refer to a static one follow its hand changes incrementally. */
  private void touch(MembershipUpdater.Changes changes) {
    if (!changes.isEmpty()) {
      touched.touch(changes.entered());
      touched.touch(changes.exited());
    }
  }

  // ---- helpers

  private StoredSegment load(long id) {
    return transactions.read(c -> SegmentStore.find(c, id)).orElseThrow(() -> new ResourceNotFoundException(
        "Segment", id));
  }

  /** One segment, read by its key (without reading and parsing every other one). */
  private StoredSegment stored(String key) {
    return transactions.read(c -> SegmentStore.find(c, key)).orElseThrow(() -> new ResourceNotFoundException(
        "Segment", key));
  }

  private static StoredSegment find(List<StoredSegment> all, String key) {
    return all.stream().filter(g -> g.key().equals(key)).findFirst()
        .orElseThrow(() -> new ResourceNotFoundException("Segment", key));
  }

  private SegmentCatalog catalog(List<StoredSegment> all) {
    List<AttributeDefinition> definitions = attributes.definitions();
    return SegmentStore.catalog(all, definitions);
  }

  private static void checkKindAndRule(SegmentKind kind, SegmentRule rule) {
    if (kind == SegmentKind.DYNAMIC && rule == null) {
      throw new InvalidInputException("rule", "is required for a dynamic segment");
    }
    if (kind == SegmentKind.STATIC && rule != null) {
      throw new InvalidInputException("rule", "must be absent for a static segment: its members are kept by hand");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  static Map<Long, CustomerSummary> summaries(Connection c, List<Long> ids) throws SQLException {
    Map<Long, CustomerSummary> summaries = new HashMap<>();
    if (ids.isEmpty()) {
      return summaries;
    }
    String in = ids.stream().map(id -> "?").collect(Collectors.joining(", ", "(", ")"));
    try (PreparedStatement s = c.prepareStatement("SELECT id, given_name, family_name, email, phone, lifecycle_stage,"
        + " updated_at FROM crm_customer WHERE id IN " + in)) {
      int i = 1;
      for (long id : ids) {
        s.setLong(i++, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          summaries.put(r.getLong(1), new CustomerSummary(r.getLong(1), r.getString(2), r.getString(3),
              r.getString(4), r.getString(5), LifecycleStage.valueOf(r.getString(6)),
              SegmentStore.instant(r, "updated_at")));
        }
      }
    }
    return summaries;
  }
}
