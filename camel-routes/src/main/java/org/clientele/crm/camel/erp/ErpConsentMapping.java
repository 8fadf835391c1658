package org.clientele.crm.camel.erp;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;

/**
 * Turns an ERP's JSON {@code consent} message into an {@link ErpConsent}. Fields are JSON pointers from
 * configuration ({@value #KEY_PREFIX}{@code <field>}); the ERP's codes of channels, purposes and statuses are
 * translated by {@value #KEY_PREFIX}{@code channel-values}, {@code purpose-values} and {@code status-values}
 * ({@code code:VALUE,...}). Defaults: the canonical layout and values.
 */
public final class ErpConsentMapping {

  public static final String KEY_PREFIX = "crm.erp.mapping.consent.";

  /** The source of ERP consent decisions. */
  public static final String SOURCE = "ERP";

  /** The canonical fields, in documentation order. */
  public static final List<String> FIELDS = List.of("messageId", "erpCustomerId", "channel", "purpose", "status",
      "decidedAt", "evidence");

  private final PointerTable pointers;
  private final ValueMap<ConsentChannel> channels;
  private final ValueMap<ConsentPurpose> purposes;
  private final ValueMap<ConsentStatus> statuses;

  private ErpConsentMapping(PointerTable pointers, ValueMap<ConsentChannel> channels,
      ValueMap<ConsentPurpose> purposes, ValueMap<ConsentStatus> statuses) {
    this.pointers = pointers;
    this.channels = channels;
    this.purposes = purposes;
    this.statuses = statuses;
  }

  /**
   * @param lookup the configured value of a key, or {@code null} when the key is not set
   * @throws IllegalArgumentException naming the key when a pointer or value map is broken
   */
  public static ErpConsentMapping configured(Function<String, String> lookup) {
    return new ErpConsentMapping(
        PointerTable.configured(KEY_PREFIX, FIELDS, PointerTable::canonicalPointer, lookup),
        values(lookup, "channel-values", ConsentChannel.class),
        values(lookup, "purpose-values", ConsentPurpose.class),
        values(lookup, "status-values", ConsentStatus.class));
  }

  /** The canonical layout with some keys (without the prefix) set (tests, documentation). */
  public static ErpConsentMapping of(Map<String, String> overrides) {
    return configured(key -> overrides.get(key.substring(KEY_PREFIX.length())));
  }

  /** The pointer of each canonical field ("" = not mapped). */
  public Map<String, String> pointers() {
    return pointers.texts();
  }

  /**
   * @param fallbackMessageId the idempotency key when the message carries none, or {@code null}
   * @throws UnmappableMessageException naming every field that is missing or of the wrong kind
   */
  public ErpConsent map(String payload, String fallbackMessageId) {
    FieldReader in = FieldReader.of(payload, pointers);
    String messageId = in.messageId(fallbackMessageId);
    String erpCustomerId = in.required("erpCustomerId", in.text("erpCustomerId"));
    ConsentChannel channel = in.required("channel", in.value("channel", channels, accepted(ConsentChannel.class)));
    ConsentPurpose purpose = in.required("purpose", in.value("purpose", purposes, accepted(ConsentPurpose.class)));
    ConsentStatus status = in.required("status", in.value("status", statuses, accepted(ConsentStatus.class)));
    Instant decidedAt = in.required("decidedAt", in.instant("decidedAt"));
    String evidence = in.text("evidence");
    if (!in.violations().isEmpty()) {
      throw new UnmappableMessageException(UnmappableMessageException.UNMAPPABLE, messageId, in.violations());
    }
    return new ErpConsent(messageId, erpCustomerId,
        new ConsentDecision(channel, purpose, status, SOURCE, decidedAt, evidence));
  }

  private static <E extends Enum<E>> ValueMap<E> values(Function<String, String> lookup, String key, Class<E> type) {
    return ValueMap.configured(KEY_PREFIX + key, lookup.apply(KEY_PREFIX + key), type);
  }

  private static String accepted(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
