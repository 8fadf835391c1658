package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.CustomerSort;

/** Stores customers and their consent history. */
@ApplicationScoped
public class JpaCustomerRepository {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  public Optional<Customer> find(long id) {
    return Optional.ofNullable(em.find(Customer.class, id));
  }

  public Optional<Customer> findByIdentity(String system, String externalId) {
    return first(em.createNamedQuery("Customer.byIdentity", Customer.class)
        .setParameter("system", system)
        .setParameter("externalId", externalId));
  }

  public Optional<Customer> findByMatchKey(String kind, String value) {
    return first(em.createNamedQuery("Customer.byMatchKey", Customer.class)
        .setParameter("kind", kind)
        .setParameter("value", value));
  }

  public void store(Customer customer) {
    em.persist(customer);
  }

  /** Writes pending changes now, so that constraint violations surface inside the caller's try block. */
  public void flush() {
    em.flush();
  }

  /** Writes pending changes, then detaches everything the persistence context holds. */
  public void flushAndClear() {
    em.flush();
    em.clear();
  }

  /** The ids of the consent records a customer owns. */
  public List<Long> consentIdsOf(long customerId) {
    return em.createQuery("SELECT r.id FROM ConsentRecord r WHERE r.customerId = :id ORDER BY r.id", Long.class)
        .setParameter("id", customerId).getResultList();
  }

  /** Hands consent records to another customer (merge). */
  public void moveConsents(List<Long> fromCustomers, long toCustomer) {
    em.createQuery("UPDATE ConsentRecord r SET r.customerId = :to WHERE r.customerId IN :from")
        .setParameter("to", toCustomer).setParameter("from", fromCustomers).executeUpdate();
  }

  /** Hands particular consent records back to their original customer (unmerge). */
  public void moveConsentRecords(List<Long> recordIds, long toCustomer) {
    if (!recordIds.isEmpty()) {
      em.createQuery("UPDATE ConsentRecord r SET r.customerId = :to WHERE r.id IN :ids")
          .setParameter("to", toCustomer).setParameter("ids", recordIds).executeUpdate();
    }
  }

  /** Erasure: consent decisions stay for aggregates, without their free-text evidence or source. */
  public void anonymizeConsents(long customerId) {
    em.createQuery("UPDATE ConsentRecord r SET r.evidence = NULL, r.source = 'erased' WHERE r.customerId = :id")
        .setParameter("id", customerId).executeUpdate();
  }

  /** Profiles merged into the given one. */
  public List<Customer> mergedInto(long survivorId) {
    return em.createQuery("SELECT c FROM Customer c WHERE c.mergedIntoId = :id", Customer.class)
        .setParameter("id", survivorId).getResultList();
  }

  public void storeMerge(CustomerMergeRecord record) {
    em.persist(record);
  }

  public Optional<CustomerMergeRecord> findMerge(long mergeId) {
    return Optional.ofNullable(em.find(CustomerMergeRecord.class, mergeId));
  }

  public List<CustomerMergeRecord> mergesInvolving(long customerId) {
    String id = Long.toString(customerId);
    return em.createNamedQuery("CustomerMergeRecord.involving", CustomerMergeRecord.class)
        .setParameter("id", customerId)
        .setParameter("idText", id)
        .setParameter("first", id + ",%")
        .setParameter("middle", "%," + id + ",%")
        .setParameter("last", "%," + id)
        .getResultList();
  }

  public Optional<ErasureBlock> findBlock(ErasureBlock.Key key) {
    return Optional.ofNullable(em.find(ErasureBlock.class, key));
  }

  public void storeBlock(ErasureBlock block) {
    em.persist(block);
  }

  public void storeConsent(ConsentRecord record) {
    em.persist(record);
  }

  public List<ConsentRecord> consentsOf(long customerId) {
    return em.createNamedQuery("ConsentRecord.ofCustomer", ConsentRecord.class)
        .setParameter("customerId", customerId)
        .getResultList();
  }

  public List<ConsentRecord> consentsOf(long customerId, ConsentChannel channel, ConsentPurpose purpose) {
    return em.createNamedQuery("ConsentRecord.ofCustomerChannelPurpose", ConsentRecord.class)
        .setParameter("customerId", customerId)
        .setParameter("channel", channel)
        .setParameter("purpose", purpose)
        .getResultList();
  }

  /**
   * A page of customers matching every given criterion, and the total. Criteria arrive normalized; the
   * JPQL is assembled from fixed fragments only, and every value is a bind parameter.
   */
  public SearchResult search(SearchCriteria criteria) {
    StringBuilder where = new StringBuilder(" WHERE c.status = org.clientele.crm.impl.customer.CustomerStatus.ACTIVE");
    Map<String, Object> parameters = new HashMap<>();
    if (criteria.namePrefix() != null) {
      where.append(" AND (c.givenNameKey LIKE :name ESCAPE '\\' OR c.familyNameKey LIKE :name ESCAPE '\\'"
          + " OR c.fullNameKey LIKE :name ESCAPE '\\')");
      parameters.put("name", likePrefix(criteria.namePrefix()));
    }
    if (criteria.email() != null) {
      where.append(" AND EXISTS (SELECT k FROM Customer k2 JOIN k2.matchKeys k WHERE k2 = c"
          + " AND k.kind = 'EMAIL' AND k.value = :email)");
      parameters.put("email", criteria.email());
    }
    if (criteria.phonePrefix() != null) {
      where.append(" AND (c.phone LIKE :phone ESCAPE '\\' OR EXISTS (SELECT p FROM Customer p2 JOIN p2.contactPoints p"
          + " WHERE p2 = c AND p.type = 'PHONE' AND p.value LIKE :phone ESCAPE '\\'))");
      parameters.put("phone", likePrefix(criteria.phonePrefix()));
    }
    if (criteria.tag() != null) {
      where.append(" AND :tag MEMBER OF c.tags");
      parameters.put("tag", criteria.tag());
    }
    if (criteria.lifecycleStage() != null) {
      where.append(" AND c.lifecycleStage = :stage");
      parameters.put("stage", criteria.lifecycleStage());
    }
    if (criteria.attribute() != null) {
      where.append(" AND EXISTS (SELECT a2 FROM Customer a2 JOIN a2.attributes a WHERE a2 = c"
          + " AND KEY(a) = :attrKey" + (criteria.attributeValue() != null ? " AND VALUE(a).text = :attrValue" : "")
          + ")");
      parameters.put("attrKey", criteria.attribute());
      if (criteria.attributeValue() != null) {
        parameters.put("attrValue", criteria.attributeValue());
      }
    }
    String direction = criteria.descending() ? " DESC" : " ASC";
    String order = switch (criteria.sort() == null ? CustomerSort.ID : criteria.sort()) {
      case ID -> " ORDER BY c.id" + direction;
      case FAMILY_NAME -> " ORDER BY c.familyNameKey" + direction + ", c.id" + direction;
      case CREATED_AT -> " ORDER BY c.createdAt" + direction + ", c.id" + direction;
      case UPDATED_AT -> " ORDER BY c.updatedAt" + direction + ", c.id" + direction;
    };
    TypedQuery<Customer> page = em.createQuery("SELECT c FROM Customer c" + where + order, Customer.class)
        .setFirstResult(criteria.offset())
        .setMaxResults(criteria.limit());
    // Counting every match of a broad search costs a scan of all of them; reading at most
    // countLimit + 1 ids answers "how many, up to the limit" at bounded cost.
    TypedQuery<Long> count = em.createQuery("SELECT c.id FROM Customer c" + where, Long.class)
        .setMaxResults(criteria.countLimit() + 1);
    parameters.forEach((name, value) -> {
      page.setParameter(name, value);
      count.setParameter(name, value);
    });
    int counted = count.getResultList().size();
    return new SearchResult(new ArrayList<>(page.getResultList()), Math.min(counted, criteria.countLimit()),
        counted > criteria.countLimit());
  }

  /** What a search asks for, already normalized. */
  public record SearchCriteria(
      String namePrefix, String email, String phonePrefix, String tag,
      org.clientele.crm.api.customer.LifecycleStage lifecycleStage, String attribute, String attributeValue,
      CustomerSort sort, boolean descending, int offset, int limit, int countLimit) {}

  public record SearchResult(List<Customer> customers, long total, boolean totalCapped) {}

  private static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static <T> Optional<T> first(TypedQuery<T> query) {
    return query.setMaxResults(1).getResultList().stream().findFirst();
  }
}
