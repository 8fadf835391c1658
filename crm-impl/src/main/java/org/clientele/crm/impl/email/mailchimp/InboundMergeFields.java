package org.clientele.crm.impl.email.mailchimp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.clientele.crm.api.customer.CustomerUpdate;

/**
 * Which merge fields of a {@code profile} webhook go back into the profile
 * ({@code crm.email.mailchimp.inbound-merge-fields=FNAME:givenName,LNAME:familyName}); only those listed. An
 * empty value in Mailchimp clears the field (as the outbound sync sends a field removed in the CRM as empty).
 */
public final class InboundMergeFields {

  public static final Set<String> FIELDS = Set.of("givenName", "familyName", "phone");

  private InboundMergeFields() {}

  /** merge tag → profile field. */
  public static Map<String, String> parse(String spec) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (spec == null) {
      return fields;
    }
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split(":");
      if (parts.length != 2 || !parts[0].trim().matches("[A-Z0-9_]{1,10}") || !FIELDS.contains(parts[1].trim())) {
        throw new IllegalArgumentException("crm.email.mailchimp.inbound-merge-fields: '" + entry.trim()
            + "' is not TAG:field with a field of " + new java.util.TreeSet<>(FIELDS));
      }
      fields.put(parts[0].trim(), parts[1].trim());
    }
    return fields;
  }

  /** The update with the mapped merge fields of the delivery applied; fields it does not carry stay. */
  public static CustomerUpdate apply(CustomerUpdate current, Map<String, String> mapping, MailchimpWebhook hook) {
    String givenName = current.givenName();
    String familyName = current.familyName();
    String phone = current.phone();
    for (Map.Entry<String, String> m : mapping.entrySet()) {
      String raw = hook.merge(m.getKey());
      if (raw == null) {
        continue; // not in this delivery
      }
      String value = raw.isBlank() ? null : raw.trim();
      switch (m.getValue()) {
        case "givenName" -> givenName = value;
        case "familyName" -> familyName = value;
        case "phone" -> phone = value;
        default -> throw new IllegalStateException(m.getValue());
      }
    }
    return new CustomerUpdate(givenName, familyName, current.email(), phone, current.birthDate(),
        current.language(), current.address(), current.lifecycleStage(), current.contactPoints(), current.tags(),
        current.attributes());
  }
}
