package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.DuplicateReviewService;
import org.clientele.crm.api.customer.DuplicateSuggestion;
import org.clientele.crm.api.customer.MergeResult;
import org.clientele.crm.api.customer.SuggestionStatus;
import org.clientele.crm.impl.audit.AuditLog;

/**
 * Finds possible duplicates with set-based queries (each rule is one self-join on indexed columns), scores
 * them and keeps them for review. A pair once dismissed or accepted is never suggested again.
 */
@ApplicationScoped
@Transactional
public class DefaultDuplicateReviewService implements DuplicateReviewService {

  /** One rule: its name, its weight, and the JPQL returning candidate id pairs (lower id first). */
  private record Rule(String name, int weight, String pairs) {}

  private static final String ACTIVE_PAIR = " a.id < b.id"
      + " AND a.status = org.clientele.crm.impl.customer.CustomerStatus.ACTIVE"
      + " AND b.status = org.clientele.crm.impl.customer.CustomerStatus.ACTIVE";

  private static final List<Rule> RULES = List.of(
      new Rule("same-name-and-postcode", 60, "SELECT a.id, b.id FROM Customer a, Customer b WHERE" + ACTIVE_PAIR
          + " AND a.fullNameKey IS NOT NULL AND a.fullNameKey = b.fullNameKey"
          + " AND a.postalCode IS NOT NULL AND a.postalCode = b.postalCode"),
      new Rule("same-phone-different-email", 50, "SELECT a.id, b.id FROM Customer a, Customer b WHERE" + ACTIVE_PAIR
          + " AND a.phone IS NOT NULL AND a.phone = b.phone AND a.email IS NOT NULL AND b.email IS NOT NULL"
          + " AND a.email <> b.email"),
      new Rule("same-email-at-other-domain", 40, "SELECT a.id, b.id FROM Customer a, Customer b WHERE" + ACTIVE_PAIR
          + " AND a.emailLocal IS NOT NULL AND a.emailLocal = b.emailLocal AND a.email <> b.email"));

  /** Typos in the local part at the same domain, found in Java: SQL has no portable edit distance. */
  private static final String SIMILAR_EMAIL = "similar-email";

  private static final int SIMILAR_EMAIL_WEIGHT = 35;

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Inject DefaultCustomerMergeService merges;

  @Inject AuditLog audit;

  @Override
  public int detect() {
    Map<String, List<String>> reasonsByPair = new LinkedHashMap<>();
    Map<String, Integer> scoreByPair = new LinkedHashMap<>();
    for (Rule rule : RULES) {
      for (Object[] pair : em.createQuery(rule.pairs(), Object[].class).getResultList()) {
        String key = pair[0] + ":" + pair[1];
        reasonsByPair.computeIfAbsent(key, k -> new ArrayList<>()).add(rule.name());
        scoreByPair.merge(key, rule.weight(), Integer::sum);
      }
    }
    List<SimilarEmails.Address> emails = em.createQuery("SELECT c.id, c.email FROM Customer c WHERE c.email IS NOT NULL"
        + " AND c.status = org.clientele.crm.impl.customer.CustomerStatus.ACTIVE", Object[].class).getResultList()
        .stream().map(r -> new SimilarEmails.Address((Long) r[0], (String) r[1])).toList();
    for (List<Long> pair : SimilarEmails.pairs(emails)) {
      String key = pair.get(0) + ":" + pair.get(1);
      reasonsByPair.computeIfAbsent(key, k -> new ArrayList<>()).add(SIMILAR_EMAIL);
      scoreByPair.merge(key, SIMILAR_EMAIL_WEIGHT, Integer::sum);
    }
    Instant now = Instant.now();
    int stored = 0;
    for (Map.Entry<String, List<String>> entry : reasonsByPair.entrySet()) {
      String[] ids = entry.getKey().split(":");
      long a = Long.parseLong(ids[0]);
      long b = Long.parseLong(ids[1]);
      boolean known = !em.createNamedQuery("DuplicateSuggestionEntity.pair", DuplicateSuggestionEntity.class)
          .setParameter("a", a).setParameter("b", b).getResultList().isEmpty();
      if (!known) {
        em.persist(new DuplicateSuggestionEntity(a, b, Math.min(100, scoreByPair.get(entry.getKey())),
            entry.getValue(), now));
        stored++;
      }
    }
    return stored;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<DuplicateSuggestion> open(int limit) {
    return em.createNamedQuery("DuplicateSuggestionEntity.open", DuplicateSuggestionEntity.class)
        .setMaxResults(limit).getResultList().stream().map(DuplicateSuggestionEntity::toSuggestion).toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<DuplicateSuggestion> openFor(long customerId, int limit) {
    if (limit < 1 || limit > 500) {
      throw new org.clientele.crm.api.InvalidInputException("limit", "must be between 1 and 500");
    }
    return em.createNamedQuery("DuplicateSuggestionEntity.openForCustomer", DuplicateSuggestionEntity.class)
        .setParameter("customer", customerId).setMaxResults(limit).getResultList().stream()
        .map(DuplicateSuggestionEntity::toSuggestion).toList();
  }

  @Override
  public MergeResult accept(long suggestionId, long survivorId) {
    DuplicateSuggestionEntity suggestion = openSuggestion(suggestionId);
    if (survivorId != suggestion.customerA() && survivorId != suggestion.customerB()) {
      throw new InvalidInputException("survivorId", "must be one of the pair: " + suggestion.customerA() + " or "
          + suggestion.customerB());
    }
    long other = survivorId == suggestion.customerA() ? suggestion.customerB() : suggestion.customerA();
    MergeResult result = merges.merge(survivorId, List.of(other));
    suggestion.decide(SuggestionStatus.ACCEPTED, Instant.now());
    audit.record("duplicate.accepted", "DuplicateSuggestion", suggestionId, "merge=" + result.mergeId());
    return result;
  }

  @Override
  public DuplicateSuggestion dismiss(long suggestionId) {
    DuplicateSuggestionEntity suggestion = openSuggestion(suggestionId);
    suggestion.decide(SuggestionStatus.DISMISSED, Instant.now());
    audit.record("duplicate.dismissed", "DuplicateSuggestion", suggestionId, null);
    return suggestion.toSuggestion();
  }

  private DuplicateSuggestionEntity openSuggestion(long suggestionId) {
    DuplicateSuggestionEntity suggestion = em.find(DuplicateSuggestionEntity.class, suggestionId);
    if (suggestion == null) {
      throw new ResourceNotFoundException("Duplicate suggestion", suggestionId);
    }
    if (suggestion.status() != SuggestionStatus.OPEN) {
      throw new ConflictException("Duplicate suggestion " + suggestionId + " was already " + suggestion.status());
    }
    return suggestion;
  }
}
