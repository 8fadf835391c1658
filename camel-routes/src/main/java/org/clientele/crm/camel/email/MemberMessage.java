package org.clientele.crm.camel.email;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clientele.crm.camel.outbox.PermanentDeliveryException;

/**
 * What a customer's member should look like ({@code member.changed}, written by the CRM's email outbox).
 *
 * @param consentStatus the email-marketing consent in force ({@code GRANTED}, {@code DENIED}, {@code PENDING},
 *     {@code WITHDRAWN}), or null without a decision
 * @param fields the profile's fields by neutral name ({@code givenName}, {@code address.city}, ...)
 */
public record MemberMessage(long customerId, String email, String language, String consentStatus,
    Instant consentDecidedAt, Map<String, String> fields) {

  public static final String MEMBER_CHANGED = "member.changed";
  public static final String MEMBER_ERASED = "customer.erased";

  /** Whether the consent in force grants email marketing. */
  public boolean granted() {
    return "GRANTED".equals(consentStatus);
  }

  /** Whether the consent in force refuses email marketing. */
  public boolean refused() {
    return "DENIED".equals(consentStatus) || "WITHDRAWN".equals(consentStatus);
  }

  public static MemberMessage parse(String body) throws PermanentDeliveryException {
    JsonObject m = object(body);
    try {
      // absent and null alike (the CRM's writer leaves nulls out)
      JsonObject consent = m.get("consent") instanceof JsonObject c ? c : null;
      Map<String, String> fields = new LinkedHashMap<>();
      JsonObject f = m.get("fields") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
      f.forEach((k, v) -> {
        if (v instanceof JsonString s) {
          fields.put(k, s.getString());
        }
      });
      return new MemberMessage(m.getJsonNumber("customerId").longValue(), m.getString("email"),
          m.getString("language", null), consent == null ? null : consent.getString("status"),
          consent == null ? null : Instant.parse(consent.getString("decidedAt")), fields);
    } catch (RuntimeException e) {
      throw new PermanentDeliveryException("Malformed member.changed message: " + e.getClass().getSimpleName());
    }
  }

  public static ErasedMember parseErased(String body) throws PermanentDeliveryException {
    JsonObject m = object(body);
    try {
      return new ErasedMember(m.getJsonNumber("customerId").longValue(), m.getString("platform"),
          m.getString("audience"), m.getString("memberKey"));
    } catch (RuntimeException e) {
      throw new PermanentDeliveryException("Malformed customer.erased message: " + e.getClass().getSimpleName());
    }
  }

  private static JsonObject object(String body) throws PermanentDeliveryException {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new PermanentDeliveryException("Not a JSON object: " + e.getClass().getSimpleName());
    }
  }
}
