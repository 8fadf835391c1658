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
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.CustomerSort;
import org.clientele.crm.impl.persistence.Jdbc;
import org.clientele.crm.impl.persistence.SequencedRows;

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

  /**
   * The profiles holding one of these identities, for a batch's resolution: possibly more (any of the systems with
   * any of the ids; the caller matches the pairs). Both columns are named so that the primary key (system, id)
   * serves the lookup: on the external id alone the database read the whole table for every batch. Their
   * collections load lazily, per profile: EclipseLink 4.0.9's batch fetching of these embeddable collections (hint
   * {@code eclipselink.batch}) failed at the next flush (an NPE extracting {@code MatchKey.kind}).
   */
  public List<Customer> findByIdentities(java.util.Collection<IdentityKey> identities) {
    List<String> systems = identities.stream().map(IdentityKey::system).distinct().toList();
    return inChunks(identities.stream().map(IdentityKey::externalId).toList(), chunk -> em.createQuery(
        "SELECT DISTINCT c FROM Customer c JOIN c.identities i WHERE i.system IN :systems AND i.externalId IN :ids",
            Customer.class)
        .setParameter("systems", systems).setParameter("ids", chunk).getResultList());
  }

  /** A customer's status and merge target: which profile its id stands for. */
  public record Link(long id, CustomerStatus status, Long mergedIntoId) {}

  /** The links of these customers (those that exist), in one query per thousand, without building profiles. */
  public List<Link> findLinks(java.util.Collection<Long> ids) {
    return inChunks(ids, chunk -> em.createQuery(
            "SELECT c.id, c.status, c.mergedIntoId FROM Customer c WHERE c.id IN :ids", Object[].class)
        .setParameter("ids", chunk).getResultList().stream()
        .map(row -> new Link((Long) row[0], (CustomerStatus) row[1], (Long) row[2])).toList());
  }

  /**
   * The profiles holding one of these match keys, as {@link #findByIdentities}: one query per kind, so that the
   * primary key (kind, value) serves it (with both kinds in one query, PostgreSQL chose to read the whole table).
   */
  public List<Customer> findByMatchKeys(java.util.Collection<MatchKey> keys) {
    return perKind(keys, MatchKey::kind, MatchKey::value, (kind, chunk) -> em.createQuery(
            "SELECT DISTINCT c FROM Customer c JOIN c.matchKeys k WHERE k.kind = :kind AND k.value IN :values",
            Customer.class)
        .setParameter("kind", kind).setParameter("values", chunk).getResultList());
  }

  /** The erasure blocks with one of these keys: one query per kind, for the primary key (kind, hash). */
  public List<ErasureBlock> findBlocks(java.util.Collection<ErasureBlock.Key> keys) {
    return perKind(keys, ErasureBlock.Key::kind, ErasureBlock.Key::hash, (kind, chunk) -> em.createQuery(
            "SELECT b FROM ErasureBlock b WHERE b.key.kind = :kind AND b.key.hash IN :hashes", ErasureBlock.class)
        .setParameter("kind", kind).setParameter("hashes", chunk).getResultList());
  }

  /** The consent histories of these customers, in one query per thousand. */
  public List<ConsentRecord> consentsOf(java.util.Collection<Long> customerIds) {
    return inChunks(customerIds, chunk -> em.createQuery(
        "SELECT r FROM ConsentRecord r WHERE r.customerId IN :ids", ConsentRecord.class)
        .setParameter("ids", chunk).getResultList());
  }

  /**
   * A look-up of (kind, value) keys as one {@link #inChunks} query per kind: naming the kind lets the primary key
   * (kind, value) serve it.
   */
  private static <K, T> List<T> perKind(java.util.Collection<K> keys, java.util.function.Function<K, String> kind,
      java.util.function.Function<K, String> value,
      java.util.function.BiFunction<String, List<String>, List<T>> query) {
    List<T> found = new ArrayList<>();
    keys.stream().collect(java.util.stream.Collectors.groupingBy(kind,
            java.util.stream.Collectors.mapping(value, java.util.stream.Collectors.toList())))
        .forEach((k, values) -> found.addAll(inChunks(values, chunk -> query.apply(k, chunk))));
    return found;
  }

  private static <K, T> List<T> inChunks(java.util.Collection<K> keys,
      java.util.function.Function<List<K>, List<T>> query) {
    List<K> all = List.copyOf(new java.util.LinkedHashSet<>(keys));
    List<T> found = new java.util.ArrayList<>();
    for (int from = 0; from < all.size(); from += 1000) {
      found.addAll(query.apply(all.subList(from, Math.min(all.size(), from + 1000))));
    }
    return found;
  }

  public void store(Customer customer) {
    em.persist(customer);
  }

  /** Writes pending changes now, so that constraint violations surface inside the caller's try block. */
  public void flush() {
    em.flush();
  }

  /** Detaches everything the persistence context holds (written or not). */
  public void clear() {
    em.clear();
  }

  /** The collection rows of one new profile, for {@link #insertCollections}. */
  public record CollectionRows(long customerId, List<IdentityKey> identities, List<MatchKey> matchKeys,
      List<StoredContactPoint> contactPoints, List<String> tags, Map<String, AttributeValue> attributes) {}

  /**
   * Inserts the element-collection rows of profiles whose own rows were just flushed without them, table by table
   * in JDBC batches on the transaction's connection: the same rows EclipseLink writes for {@link Customer}'s
   * collections (keep the two in step), in a handful of round trips instead of one per row. A unique key taken
   * meanwhile (a concurrent registration of the same person) fails here as it would at a flush.
   */
  public void insertCollections(List<CollectionRows> profiles) {
    if (profiles.isEmpty()) {
      return;
    }
    java.sql.Connection c = em.unwrap(java.sql.Connection.class);
    try (java.sql.PreparedStatement identity = c.prepareStatement(
            "INSERT INTO crm_customer_identity (customer_id, source_system, external_id) VALUES (?, ?, ?)");
        java.sql.PreparedStatement key = c.prepareStatement(
            "INSERT INTO crm_customer_match_key (customer_id, kind, key_value) VALUES (?, ?, ?)");
        java.sql.PreparedStatement contact = c.prepareStatement(
            "INSERT INTO crm_customer_contact (customer_id, contact_type, contact_value, label) VALUES (?, ?, ?, ?)");
        java.sql.PreparedStatement tag = c.prepareStatement(
            "INSERT INTO crm_customer_tag (customer_id, tag) VALUES (?, ?)");
        java.sql.PreparedStatement attribute = c.prepareStatement("INSERT INTO crm_customer_attribute (customer_id,"
            + " attr_key, value_text, value_number, value_date, value_boolean) VALUES (?, ?, ?, ?, ?, ?)")) {
      int[] counts = new int[5];
      for (CollectionRows p : profiles) {
        for (IdentityKey i : p.identities()) {
          identity.setLong(1, p.customerId());
          identity.setString(2, i.system());
          identity.setString(3, i.externalId());
          identity.addBatch();
          counts[0]++;
        }
        for (MatchKey k : p.matchKeys()) {
          key.setLong(1, p.customerId());
          key.setString(2, k.kind());
          key.setString(3, k.value());
          key.addBatch();
          counts[1]++;
        }
        for (StoredContactPoint point : p.contactPoints()) {
          contact.setLong(1, p.customerId());
          contact.setString(2, point.type().name());
          contact.setString(3, point.value());
          contact.setString(4, point.label());
          contact.addBatch();
          counts[2]++;
        }
        for (String t : p.tags()) {
          tag.setLong(1, p.customerId());
          tag.setString(2, t);
          tag.addBatch();
          counts[3]++;
        }
        for (Map.Entry<String, AttributeValue> a : p.attributes().entrySet()) {
          attribute.setLong(1, p.customerId());
          attribute.setString(2, a.getKey());
          attribute.setString(3, a.getValue().text());
          attribute.setBigDecimal(4, a.getValue().number());
          if (a.getValue().date() == null) {
            attribute.setNull(5, java.sql.Types.DATE);
          } else {
            attribute.setObject(5, a.getValue().date());
          }
          if (a.getValue().bool() == null) {
            attribute.setNull(6, java.sql.Types.BOOLEAN);
          } else {
            attribute.setBoolean(6, a.getValue().bool());
          }
          attribute.addBatch();
          counts[4]++;
        }
      }
      java.sql.PreparedStatement[] statements = {identity, key, contact, tag, attribute};
      for (int i = 0; i < statements.length; i++) {
        if (counts[i] > 0) {
          statements[i].executeBatch();
        }
      }
    } catch (java.sql.SQLException e) {
      throw new jakarta.persistence.PersistenceException("Writing the collections of new customers failed", e);
    }
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

  /**
   * The rows {@link #storeConsent} writes, for many decisions at once: one JDBC batch on the transaction's
   * connection, ids from {@link ConsentRecord}'s own sequence allocation ({@link SequencedRows}). Their customers
   * must be written first.
   */
  public void insertConsents(List<ConsentRecord> records) {
    SequencedRows.insert(em, ConsentRecord.class, "INSERT INTO crm_consent (id, customer_id, channel, purpose, status,"
        + " source, decided_at, evidence, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", records, "consent decisions",
        (insert, r, id) -> {
          ConsentDecision d = r.toDecision();
          insert.setLong(2, r.customerId());
          insert.setString(3, d.channel().name());
          insert.setString(4, d.purpose().name());
          insert.setString(5, d.status().name());
          insert.setString(6, d.source());
          insert.setObject(7, Jdbc.at(d.decidedAt()));
          insert.setString(8, d.evidence());
          insert.setObject(9, Jdbc.at(r.recordedAt()));
        });
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
