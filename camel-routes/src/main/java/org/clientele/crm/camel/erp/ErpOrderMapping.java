package org.clientele.crm.camel.erp;

import jakarta.json.JsonArray;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.NewRefund;
import org.clientele.crm.api.purchase.PurchaseLine;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * Turns an ERP's JSON document from the orders queue into an {@link ErpOrder} or {@link ErpCreditNote}. Fields
 * are JSON pointers from configuration ({@value #KEY_PREFIX}{@code <field>}); the lines are the array at
 * {@code lines}, each line's fields pointers relative to the line ({@value #LINE_KEY_PREFIX}{@code <field>}).
 * The ERP's codes of document types and statuses are translated by {@value #KEY_PREFIX}{@code documentType-values}
 * and {@value #KEY_PREFIX}{@code status-values} ({@code code:VALUE,...}). Defaults: the canonical layout.
 */
public final class ErpOrderMapping {

  public static final String KEY_PREFIX = "crm.erp.mapping.order.";
  public static final String LINE_KEY_PREFIX = "crm.erp.mapping.order.line.";
  public static final String STATUS_VALUES_KEY = KEY_PREFIX + "status-values";
  public static final String DOCUMENT_TYPE_VALUES_KEY = KEY_PREFIX + "documentType-values";

  /** The source system of ERP purchases. */
  public static final String SOURCE_SYSTEM = "ERP";

  /** The canonical fields, in documentation order. */
  public static final List<String> FIELDS = List.of("messageId", "documentType", "erpCustomerId", "orderId",
      "status", "currency", "placedAt", "updatedAt", "lines", "discountTotal", "shippingTotal", "taxTotal",
      "creditNoteId", "amount", "issuedAt", "reason");
  /** The canonical fields of a line, relative to the line. */
  public static final List<String> LINE_FIELDS = List.of("sku", "name", "category", "quantity", "unitPrice",
      "discount");

  private static final String STATUSES = Arrays.stream(PurchaseStatus.values()).map(Enum::name)
      .collect(Collectors.joining(", "));
  private static final String DOCUMENT_TYPES = Arrays.stream(OrderDocumentType.values())
      .map(OrderDocumentType::canonicalName).collect(Collectors.joining(", "));

  private final PointerTable pointers;
  private final PointerTable linePointers;
  private final ValueMap<PurchaseStatus> statuses;
  private final ValueMap<OrderDocumentType> documentTypes;

  private ErpOrderMapping(PointerTable pointers, PointerTable linePointers, ValueMap<PurchaseStatus> statuses,
      ValueMap<OrderDocumentType> documentTypes) {
    this.pointers = pointers;
    this.linePointers = linePointers;
    this.statuses = statuses;
    this.documentTypes = documentTypes;
  }

  /**
   * A mapping from configuration.
   *
   * @param lookup the configured value of a key, or {@code null} when the key is not set
   * @throws IllegalArgumentException naming the key when a pointer or value map is broken
   */
  public static ErpOrderMapping configured(Function<String, String> lookup) {
    return new ErpOrderMapping(
        PointerTable.configured(KEY_PREFIX, FIELDS, PointerTable::canonicalPointer, lookup),
        PointerTable.configured(LINE_KEY_PREFIX, LINE_FIELDS, PointerTable::canonicalPointer, lookup),
        ValueMap.configured(STATUS_VALUES_KEY, lookup.apply(STATUS_VALUES_KEY), PurchaseStatus.class),
        ValueMap.configured(DOCUMENT_TYPE_VALUES_KEY, lookup.apply(DOCUMENT_TYPE_VALUES_KEY),
            OrderDocumentType.byCanonicalName()));
  }

  /** The canonical layout with some keys (without the prefix) set (tests, documentation). */
  public static ErpOrderMapping of(Map<String, String> overrides) {
    return configured(key -> overrides.get(key.substring(KEY_PREFIX.length())));
  }

  /** The pointer of each canonical field ("" = not mapped); line fields as {@code line.<field>}. */
  public Map<String, String> pointers() {
    Map<String, String> all = new java.util.LinkedHashMap<>(pointers.texts());
    linePointers.texts().forEach((field, pointer) -> all.put("line." + field, pointer));
    return all;
  }

  /**
   * Maps one document.
   *
   * @param fallbackMessageId the idempotency key when the document carries none, or {@code null}
   * @throws UnmappableMessageException naming every field that is missing or of the wrong kind
   */
  public ErpOrderMessage map(String payload, String fallbackMessageId) {
    FieldReader in = FieldReader.of(payload, pointers);
    String messageId = in.messageId(fallbackMessageId);
    OrderDocumentType type = in.value("documentType", documentTypes, DOCUMENT_TYPES);
    if (type == null && !in.failed("documentType")) {
      type = OrderDocumentType.ORDER;
    }
    String orderId = in.required("orderId", in.text("orderId"));
    ErpOrderMessage message = type == OrderDocumentType.CREDIT_NOTE ? creditNote(in, messageId, orderId)
        : order(in, messageId, orderId, type == null ? OrderDocumentType.ORDER : type);
    if (!in.violations().isEmpty()) {
      throw new UnmappableMessageException(UnmappableMessageException.UNMAPPABLE, messageId, in.violations());
    }
    return message;
  }

  private ErpOrder order(FieldReader in, String messageId, String orderId, OrderDocumentType type) {
    String erpCustomerId = in.required("erpCustomerId", in.text("erpCustomerId"));
    PurchaseStatus status = in.value("status", statuses, STATUSES);
    if (status == null && type == OrderDocumentType.INVOICE && !in.failed("status")) {
      status = PurchaseStatus.PAID;
    }
    in.required("status", status);
    String currency = in.required("currency", in.text("currency"));
    Instant placedAt = in.required("placedAt", in.instant("placedAt"));
    Instant updatedAt = in.required("updatedAt", in.instant("updatedAt"));
    List<PurchaseLine> lines = lines(in);
    BigDecimal discountTotal = in.decimal("discountTotal");
    BigDecimal shippingTotal = in.decimal("shippingTotal");
    BigDecimal taxTotal = in.decimal("taxTotal");
    return new ErpOrder(messageId, erpCustomerId, type, new NewPurchase(0, SOURCE_SYSTEM, orderId, status, currency,
        placedAt, updatedAt, lines, discountTotal, shippingTotal, taxTotal));
  }

  private List<PurchaseLine> lines(FieldReader in) {
    JsonArray array = in.required("lines", in.array("lines"));
    if (array == null) {
      return List.of();
    }
    List<PurchaseLine> lines = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonValue element = array.get(i);
      if (!(element instanceof JsonStructure structure)
          || element.getValueType() != JsonValue.ValueType.OBJECT) {
        in.reject("lines[" + i + "]", "must be an object");
        continue;
      }
      FieldReader line = in.element(structure, linePointers, "lines[" + i + "]");
      String sku = line.required("sku", line.text("sku"));
      Integer quantity = line.required("quantity", line.integer("quantity"));
      BigDecimal unitPrice = line.required("unitPrice", line.decimal("unitPrice"));
      lines.add(new PurchaseLine(sku, line.text("name"), line.text("category"), quantity == null ? 0 : quantity,
          unitPrice, line.decimal("discount")));
    }
    return lines;
  }

  private ErpCreditNote creditNote(FieldReader in, String messageId, String orderId) {
    String creditNoteId = in.required("creditNoteId", in.text("creditNoteId"));
    BigDecimal amount = in.required("amount", in.decimal("amount"));
    Instant issuedAt = in.required("issuedAt", in.instant("issuedAt"));
    return new ErpCreditNote(messageId, orderId, new NewRefund(creditNoteId, amount, issuedAt, in.text("reason")));
  }
}
