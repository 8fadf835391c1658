package org.clientele.crm.impl.customer;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.LifecycleStage;

/**
 * The aggregate root of the customer context: one real person as the CRM knows them, whatever system
 * the data came from.
 *
 * <p>Besides the person's details it owns the external identities (each unique across all profiles), the
 * match keys that identity resolution relies on (normalized emails and phones, unique too), additional
 * contact points, tags and custom attribute values. Consents live in their own table
 * ({@link ConsentRecord}) because they are history, not state. Every change moves {@code updatedAt},
 * which also moves the optimistic {@code version}.
 */
@Entity
@Table(name = "crm_customer")
@NamedQuery(
    name = "Customer.byIdentity",
    query = "SELECT c FROM Customer c JOIN c.identities i WHERE i.system = :system AND i.externalId = :externalId")
@NamedQuery(
    name = "Customer.byMatchKey",
    query = "SELECT c FROM Customer c JOIN c.matchKeys k WHERE k.kind = :kind AND k.value = :value")
public class Customer {

  @Id
  @SequenceGenerator(name = "crm_customer_seq", sequenceName = "crm_customer_seq", allocationSize = 500)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_customer_seq")
  private Long id;

  @Version
  private long version;

  @Column(name = "given_name", length = 200)
  private String givenName;

  @Column(name = "family_name", length = 200)
  private String familyName;

  @Column(name = "given_name_key", length = 200)
  private String givenNameKey;

  @Column(name = "family_name_key", length = 200)
  private String familyNameKey;

  @Column(name = "full_name_key", length = 401)
  private String fullNameKey;

  @Column(name = "email", length = 320)
  private String email;

  @Column(name = "email_local", length = 64)
  private String emailLocal;

  @Column(name = "phone", length = 40)
  private String phone;

  @Column(name = "birth_date")
  private LocalDate birthDate;

  @Column(name = "language", length = 35)
  private String language;

  @Column(name = "address_line1", length = 200)
  private String addressLine1;

  @Column(name = "address_line2", length = 200)
  private String addressLine2;

  @Column(name = "postal_code", length = 20)
  private String postalCode;

  @Column(name = "city", length = 100)
  private String city;

  @Column(name = "region", length = 100)
  private String region;

  @Column(name = "country", length = 2)
  private String country;

  @Enumerated(EnumType.STRING)
  @Column(name = "lifecycle_stage", nullable = false, length = 20)
  private LifecycleStage lifecycleStage;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private CustomerStatus status;

  @Column(name = "merged_into_id")
  private Long mergedIntoId;

  @Column(name = "erased_at")
  private Instant erasedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "attention_reason", length = 200)
  private String attentionReason;

  @Column(name = "attention_since")
  private Instant attentionSince;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @ElementCollection
  @CollectionTable(name = "crm_customer_identity", joinColumns = @JoinColumn(name = "customer_id"))
  private List<IdentityKey> identities = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "crm_customer_match_key", joinColumns = @JoinColumn(name = "customer_id"))
  private List<MatchKey> matchKeys = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "crm_customer_contact", joinColumns = @JoinColumn(name = "customer_id"))
  private List<StoredContactPoint> contactPoints = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "crm_customer_tag", joinColumns = @JoinColumn(name = "customer_id"))
  @Column(name = "tag", length = 100)
  private List<String> tags = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "crm_customer_attribute", joinColumns = @JoinColumn(name = "customer_id"))
  @MapKeyColumn(name = "attr_key", length = 100)
  private Map<String, AttributeValue> attributes = new HashMap<>();

  protected Customer() {}

  Customer(Instant now) {
    this.status = CustomerStatus.ACTIVE;
    this.lifecycleStage = LifecycleStage.LEAD;
    this.createdAt = stored(now);
    this.updatedAt = createdAt;
  }

  /** Records that the profile changed: moves {@code updatedAt}, and with it the version. */
  void touch(Instant now) {
    Instant at = stored(now);
    this.updatedAt = at.isAfter(updatedAt) ? at : updatedAt.plusNanos(1000);
  }

  /**
   * A time as the databases store it (microseconds): the profile a write answers with then shows the times a
   * later read shows.
   */
  private static Instant stored(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  void setNames(String given, String family) {
    this.givenName = given;
    this.familyName = family;
    this.givenNameKey = searchKey(given);
    this.familyNameKey = searchKey(family);
    String full = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
    this.fullNameKey = full.isEmpty() ? null : searchKey(full);
  }

  /** Lower-cased (locale-neutral) text used for prefix search on names. */
  static String searchKey(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  void setEmail(String email) {
    this.email = email;
    this.emailLocal = email == null ? null : email.substring(0, email.lastIndexOf('@'));
  }

  void setPhone(String phone) {
    this.phone = phone;
  }

  void setBirthDate(LocalDate birthDate) {
    this.birthDate = birthDate;
  }

  void setLanguage(String language) {
    this.language = language;
  }

  void setAddress(Address address) {
    this.addressLine1 = address == null ? null : address.line1();
    this.addressLine2 = address == null ? null : address.line2();
    this.postalCode = address == null ? null : address.postalCode();
    this.city = address == null ? null : address.city();
    this.region = address == null ? null : address.region();
    this.country = address == null ? null : address.country();
  }

  void setLifecycleStage(LifecycleStage stage) {
    this.lifecycleStage = stage;
  }

  public CustomerStatus status() {
    return status;
  }

  public Long mergedIntoId() {
    return mergedIntoId;
  }

  /** Flags the customer for attention; an earlier, still open flag keeps its reason and time. */
  boolean flagAttention(String reason, Instant now) {
    if (attentionSince != null) {
      return false;
    }
    attentionReason = reason;
    attentionSince = stored(now);
    touch(now);
    return true;
  }

  boolean clearAttention(Instant now) {
    if (attentionSince == null) {
      return false;
    }
    attentionReason = null;
    attentionSince = null;
    touch(now);
    return true;
  }

  /** A merge keeps the earliest attention flag of all the profiles merged. */
  void takeAttentionOf(Customer other, Instant now) {
    if (other.attentionSince != null && (attentionSince == null || other.attentionSince.isBefore(attentionSince))) {
      attentionReason = other.attentionReason;
      attentionSince = other.attentionSince;
      touch(now);
    }
  }

  public String attentionReason() {
    return attentionReason;
  }

  public Instant attentionSince() {
    return attentionSince;
  }

  /** Merged into a survivor: the row stays (its id resolves to the survivor), its data moved there. */
  void markMerged(long survivorId, Instant now) {
    clearPersonalData();
    this.status = CustomerStatus.MERGED;
    this.mergedIntoId = survivorId;
    touch(now);
  }

  /** Erased: every personal field and collection is gone; the anonymous row keeps aggregates consistent. */
  void markErased(Instant now) {
    clearPersonalData();
    this.status = CustomerStatus.ERASED;
    this.mergedIntoId = null;
    this.erasedAt = now;
    this.lifecycleStage = LifecycleStage.CHURNED;
    touch(now);
  }

  private void clearPersonalData() {
    setNames(null, null);
    setEmail(null);
    setPhone(null);
    setBirthDate(null);
    setLanguage(null);
    setAddress(null);
    identities.clear();
    matchKeys.clear();
    contactPoints.clear();
    tags.clear();
    attributes.clear();
    attentionReason = null;
    attentionSince = null;
  }

  /** The whole state, for a merge's before-image. */
  CustomerSnapshot snapshot(List<Long> consentIds, Map<String, List<Long>> participantIds) {
    return new CustomerSnapshot(id, givenName, familyName, email, phone, birthDate, language, address(),
        lifecycleStage,
        identities.stream().map(i -> new CustomerSnapshot.Identity(i.system(), i.externalId())).toList(),
        matchKeys.stream().map(k -> new CustomerSnapshot.Key(k.kind(), k.value())).toList(),
        contactPoints.stream().map(p -> new CustomerSnapshot.Contact(p.type(), p.value(), p.label())).toList(),
        List.copyOf(tags),
        attributes.entrySet().stream().map(e -> e.getValue().snapshot(e.getKey())).toList(),
        List.copyOf(consentIds),
        Map.copyOf(participantIds));
  }

  /** Puts back a before-image: fields and collections as they were, active again. */
  void restore(CustomerSnapshot image, Instant now) {
    clearPersonalData();
    setNames(image.givenName(), image.familyName());
    setEmail(image.email());
    setPhone(image.phone());
    setBirthDate(image.birthDate());
    setLanguage(image.language());
    setAddress(image.address());
    lifecycleStage = image.lifecycleStage();
    image.identities().forEach(i -> addIdentity(new IdentityKey(i.system(), i.externalId())));
    image.matchKeys().forEach(k -> addMatchKey(new MatchKey(k.kind(), k.value())));
    image.contacts().forEach(c -> contactPoints.add(new StoredContactPoint(c.type(), c.value(), c.label())));
    addTags(image.tags());
    image.attributes().forEach(a -> attributes.put(a.key(), AttributeValue.of(a)));
    status = CustomerStatus.ACTIVE;
    mergedIntoId = null;
    touch(now);
  }

  /** Empties the collections that hold unique keys, so that another profile can take them in this flush. */
  void releaseKeys() {
    identities.clear();
    matchKeys.clear();
  }

  public Long id() {
    return id;
  }

  public long version() {
    return version;
  }

  public String givenName() {
    return givenName;
  }

  public String familyName() {
    return familyName;
  }

  public String email() {
    return email;
  }

  public String phone() {
    return phone;
  }

  public LocalDate birthDate() {
    return birthDate;
  }

  public String language() {
    return language;
  }

  public Address address() {
    if (addressLine1 == null && addressLine2 == null && postalCode == null && city == null && region == null
        && country == null) {
      return null;
    }
    return new Address(addressLine1, addressLine2, postalCode, city, region, country);
  }

  public LifecycleStage lifecycleStage() {
    return lifecycleStage;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /*
   * The element collections are insertion-ordered lists, not hash sets: EclipseLink compares a collection
   * with its backup copy in iteration order, and a hash set's order can differ between the two, which
   * would raise the version on every flush. Uniqueness is kept by the add methods.
   */

  List<IdentityKey> identities() {
    return identities;
  }

  List<MatchKey> matchKeys() {
    return matchKeys;
  }

  List<StoredContactPoint> contactPoints() {
    return contactPoints;
  }

  List<String> tags() {
    return tags;
  }

  void addIdentity(IdentityKey identity) {
    if (!identities.contains(identity)) {
      identities.add(identity);
    }
  }

  void addMatchKey(MatchKey key) {
    if (!matchKeys.contains(key)) {
      matchKeys.add(key);
    }
  }

  void addTags(java.util.Collection<String> more) {
    for (String tag : more) {
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
  }

  Map<String, AttributeValue> attributes() {
    return attributes;
  }
}
