package org.clientele.crm.camel.erp;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.clientele.crm.api.FieldViolation;
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

  private final Map<String, JsonPointer> pointers;
  private final Map<String, String> pointerTexts;

  private CustomerMasterMapping(Map<String, String> pointerTexts) {
    this.pointerTexts = Map.copyOf(pointerTexts);
    Map<String, JsonPointer> compiled = new LinkedHashMap<>();
    pointerTexts.forEach((field, pointer) -> {
      if (!pointer.isEmpty()) {
        try {
          compiled.put(field, Json.createPointer(pointer));
        } catch (JsonException e) {
          throw new IllegalArgumentException(KEY_PREFIX + field + " is not a JSON pointer: " + pointer, e);
        }
      }
    });
    this.pointers = compiled;
  }

  /** The canonical layout: every field where {@code customer.master} puts it. */
  public static String defaultPointer(String field) {
    return "/" + field.replace('.', '/');
  }

  /**
   * A mapping from configuration.
   *
   * @param lookup the configured pointer of a key, or {@code null} when the key is not set
   * @throws IllegalArgumentException when a configured pointer is not a JSON pointer
   */
  public static CustomerMasterMapping configured(Function<String, String> lookup) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String field : FIELDS) {
      String value = lookup.apply(KEY_PREFIX + field);
      texts.put(field, value == null ? defaultPointer(field) : value.strip());
    }
    return new CustomerMasterMapping(texts);
  }

  /** The canonical layout with some fields pointed elsewhere (tests, documentation). */
  public static CustomerMasterMapping of(Map<String, String> overrides) {
    return configured(key -> overrides.get(key.substring(KEY_PREFIX.length())));
  }

  /** The pointer of each canonical field ("" = not mapped). */
  public Map<String, String> pointers() {
    return pointerTexts;
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
    JsonStructure document;
    try (var reader = Json.createReader(new StringReader(payload == null ? "" : payload))) {
      document = reader.read();
    } catch (JsonParsingException e) {
      throw new UnmappableMessageException(UnmappableMessageException.MALFORMED,
          List.of(new FieldViolation("message", "is not JSON: " + locate(e))));
    } catch (JsonException | IllegalStateException e) {
      throw new UnmappableMessageException(UnmappableMessageException.MALFORMED,
          List.of(new FieldViolation("message", "is not a JSON document")));
    }
    if (!(document instanceof JsonObject)) {
      throw new UnmappableMessageException(UnmappableMessageException.MALFORMED,
          List.of(new FieldViolation("message", "must be a JSON object")));
    }
    Reader in = new Reader(document);
    String messageId = in.text("messageId");
    if (messageId == null) {
      messageId = fallbackMessageId == null || fallbackMessageId.isBlank() ? null : fallbackMessageId;
    }
    if (messageId == null) {
      in.violations.add(new FieldViolation("messageId", "is required (in the message, or as JMS property messageId)"));
    }
    String erpCustomerId = in.text("erpCustomerId");
    if (erpCustomerId == null && !in.failed("erpCustomerId")) {
      in.violations.add(new FieldViolation("erpCustomerId", "is required"));
    }
    LocalDate birthDate = in.date("birthDate");
    Instant changedAt = in.instant("changedAt");
    Address address = new Address(in.text("address.line1"), in.text("address.line2"), in.text("address.postalCode"),
        in.text("address.city"), in.text("address.region"), in.text("address.country"));
    boolean noAddress = address.line1() == null && address.line2() == null && address.postalCode() == null
        && address.city() == null && address.region() == null && address.country() == null;
    Set<String> tags = in.tags();
    Map<String, String> attributes = in.attributes();
    String givenName = in.text("givenName");
    String familyName = in.text("familyName");
    String email = in.text("email");
    String phone = in.text("phone");
    String language = in.text("language");
    if (!in.violations.isEmpty()) {
      throw new UnmappableMessageException(UnmappableMessageException.UNMAPPABLE, messageId, in.violations);
    }
    NewCustomer customer = new NewCustomer(List.of(new ExternalIdentity(IDENTITY_SYSTEM, erpCustomerId)), givenName,
        familyName, email, phone, birthDate, language, noAddress ? null : address, null, null, tags, attributes,
        null);
    return new CustomerMaster(messageId, erpCustomerId, customer, changedAt);
  }

  private static String locate(JsonParsingException e) {
    var location = e.getLocation();
    return location == null ? "parse error" : "parse error at line " + location.getLineNumber() + ", column "
        + location.getColumnNumber();
  }

  /** Reads mapped fields from one document, collecting what is wrong instead of stopping at the first. */
  private final class Reader {
    final JsonStructure document;
    final List<FieldViolation> violations = new ArrayList<>();
    final Set<String> failedFields = new LinkedHashSet<>();

    Reader(JsonStructure document) {
      this.document = document;
    }

    boolean failed(String field) {
      return failedFields.contains(field);
    }

    private JsonValue value(String field) {
      JsonPointer pointer = pointers.get(field);
      if (pointer == null) {
        return null;
      }
      try {
        if (!pointer.containsValue(document)) {
          return null;
        }
        JsonValue value = pointer.getValue(document);
        return value.getValueType() == JsonValue.ValueType.NULL ? null : value;
      } catch (JsonException e) {
        // The pointer walks through something that is not an object or array: the field is absent.
        return null;
      }
    }

    private void reject(String field, String message) {
      failedFields.add(field);
      violations.add(new FieldViolation(field, message));
    }

    /** A string, or a number taken as its text (ERPs often send numeric ids); blank counts as absent. */
    String text(String field) {
      JsonValue value = value(field);
      if (value == null) {
        return null;
      }
      String text;
      if (value instanceof JsonString string) {
        text = string.getString();
      } else if (value instanceof JsonNumber number) {
        text = number.toString();
      } else {
        reject(field, "must be a string");
        return null;
      }
      return text.isBlank() ? null : text.strip();
    }

    LocalDate date(String field) {
      String text = text(field);
      if (text == null) {
        return null;
      }
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        reject(field, "must be a date YYYY-MM-DD");
        return null;
      }
    }

    Instant instant(String field) {
      String text = text(field);
      if (text == null) {
        return null;
      }
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        reject(field, "must be an ISO-8601 instant, e.g. 2026-11-23T10:15:30Z");
        return null;
      }
    }

    Set<String> tags() {
      JsonValue value = value("tags");
      if (value == null) {
        return Set.of();
      }
      if (!(value instanceof jakarta.json.JsonArray array)) {
        reject("tags", "must be an array of strings");
        return Set.of();
      }
      Set<String> tags = new LinkedHashSet<>();
      for (JsonValue item : array) {
        if (!(item instanceof JsonString string)) {
          reject("tags", "must be an array of strings");
          return Set.of();
        }
        if (!string.getString().isBlank()) {
          tags.add(string.getString().strip());
        }
      }
      return tags;
    }

    Map<String, String> attributes() {
      JsonValue value = value("attributes");
      if (value == null) {
        return Map.of();
      }
      if (!(value instanceof JsonObject object)) {
        reject("attributes", "must be an object");
        return Map.of();
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      for (var entry : object.entrySet()) {
        JsonValue item = entry.getValue();
        switch (item.getValueType()) {
          case STRING -> attributes.put(entry.getKey(), ((JsonString) item).getString());
          case NUMBER, TRUE, FALSE -> attributes.put(entry.getKey(), item.toString());
          case NULL -> { }
          default -> {
            reject("attributes." + entry.getKey(), "must be a string, number or boolean");
            return Map.of();
          }
        }
      }
      return attributes;
    }
  }
}
