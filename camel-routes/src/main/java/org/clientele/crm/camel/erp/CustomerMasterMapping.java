package org.clientele.crm.camel.erp;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.NewCustomer;

/**
 * Turns an ERP's JSON message into a {@link CustomerMaster}. Where each canonical field sits in the ERP's
 * message is a JSON pointer from configuration ({@value #KEY_PREFIX}{@code <field>}); the defaults are the
 * canonical layout itself, so an ERP that sends {@code customer.master} as documented needs no configuration,
 * and one with its own field names is mapped by setting the keys. An empty pointer leaves a field unmapped.
 */
public final class CustomerMasterMapping {

  /** Configuration key prefix; the canonical field follows, e.g. {@code crm.erp.mapping.customer.address.city}. */
  public static final String KEY_PREFIX = "crm.erp.mapping.customer.";

  /** The identity system of ERP customers in the CRM. */
  public static final String IDENTITY_SYSTEM = "ERP";

  /** The canonical fields, in documentation order. */
  public static final List<String> FIELDS = List.of("messageId", "erpCustomerId", "givenName", "familyName", "email",
      "phone", "birthDate", "language", "address.line1", "address.line2", "address.postalCode", "address.city",
      "address.region", "address.country", "tags", "attributes", "changedAt");

  private final PointerTable pointers;

  private CustomerMasterMapping(PointerTable pointers) {
    this.pointers = pointers;
  }

  /** The canonical layout: every field where {@code customer.master} puts it. */
  public static String defaultPointer(String field) {
    return PointerTable.canonicalPointer(field);
  }

  /**
   * A mapping from configuration.
   *
   * @param lookup the configured pointer of a key, or {@code null} when the key is not set
   * @throws IllegalArgumentException when a configured pointer is not a JSON pointer
   */
  public static CustomerMasterMapping configured(Function<String, String> lookup) {
    return new CustomerMasterMapping(
        PointerTable.configured(KEY_PREFIX, FIELDS, CustomerMasterMapping::defaultPointer, lookup));
  }

  /** The canonical layout with some fields pointed elsewhere (tests, documentation). */
  public static CustomerMasterMapping of(Map<String, String> overrides) {
    return configured(key -> overrides.get(key.substring(KEY_PREFIX.length())));
  }

  /** The pointer of each canonical field ("" = not mapped). */
  public Map<String, String> pointers() {
    return pointers.texts();
  }

  /**
   * Maps one message.
   *
   * @param payload the ERP's message
   * @param fallbackMessageId the idempotency key to use when the message carries none (a JMS property, or the
   *     JMS message id), or {@code null}
   * @throws UnmappableMessageException naming every field that is missing or of the wrong kind
   */
  public CustomerMaster map(String payload, String fallbackMessageId) {
    FieldReader in = FieldReader.of(payload, pointers);
    String messageId = in.messageId(fallbackMessageId);
    String erpCustomerId = in.required("erpCustomerId", in.text("erpCustomerId"));
    LocalDate birthDate = in.date("birthDate");
    Instant changedAt = in.instant("changedAt");
    Address address = new Address(in.text("address.line1"), in.text("address.line2"), in.text("address.postalCode"),
        in.text("address.city"), in.text("address.region"), in.text("address.country"));
    boolean noAddress = address.line1() == null && address.line2() == null && address.postalCode() == null
        && address.city() == null && address.region() == null && address.country() == null;
    Set<String> tags = in.strings("tags");
    Map<String, String> attributes = in.scalars("attributes");
    String givenName = in.text("givenName");
    String familyName = in.text("familyName");
    String email = in.text("email");
    String phone = in.text("phone");
    String language = in.text("language");
    if (!in.violations().isEmpty()) {
      throw new UnmappableMessageException(UnmappableMessageException.UNMAPPABLE, messageId, in.violations());
    }
    NewCustomer customer = new NewCustomer(List.of(new ExternalIdentity(IDENTITY_SYSTEM, erpCustomerId)), givenName,
        familyName, email, phone, birthDate, language, noAddress ? null : address, null, null, tags, attributes,
        null);
    return new CustomerMaster(messageId, erpCustomerId, customer, changedAt);
  }
}
