package org.clientele.crm.impl.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.ContactType;
import org.clientele.crm.api.customer.LifecycleStage;

/**
 * A profile's complete state at one moment, stored as JSON in a merge's before-image so that the merge
 * can be undone exactly. Holds personal data: erasure scrubs the before-images that contain it.
 *
 * @param consentIds the consent records the profile owned, to hand them back on unmerge
 * @param participantIds the rows other contexts stored for the profile, by participant name
 */
public record CustomerSnapshot(
    Long id,
    String givenName,
    String familyName,
    String email,
    String phone,
    LocalDate birthDate,
    String language,
    Address address,
    LifecycleStage lifecycleStage,
    List<Identity> identities,
    List<Key> matchKeys,
    List<Contact> contacts,
    List<String> tags,
    List<Attribute> attributes,
    List<Long> consentIds,
    Map<String, List<Long>> participantIds) {

  public record Identity(String system, String externalId) {}

  public record Key(String kind, String value) {}

  public record Contact(ContactType type, String value, String label) {}

  public record Attribute(String key, String text, BigDecimal number, LocalDate date, Boolean bool) {}

  /** A merge's before-image: the survivor first, then the merged profiles. */
  public record MergeImage(List<CustomerSnapshot> profiles) {}
}
