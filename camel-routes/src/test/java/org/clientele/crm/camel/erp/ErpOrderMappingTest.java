package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.purchase.PurchaseLine;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.junit.jupiter.api.Test;

class ErpOrderMappingTest {

  static final String ORDER = """
      {"messageId":"o-1","erpCustomerId":100234,"orderId":"SO-4711","status":"PLACED","currency":"EUR",
       "placedAt":"2026-11-23T10:00:00Z","updatedAt":"2026-11-23T10:05:00Z",
       "lines":[{"sku":"A-1","name":"Teapot","category":"kitchen","quantity":2,"unitPrice":"19.90","discount":0},
                {"sku":"B-2","quantity":"1","unitPrice":5}],
       "discountTotal":1.5,"shippingTotal":4.9,"taxTotal":0}
      """;

  private final ErpOrderMapping canonical = ErpOrderMapping.configured(key -> null);

  @Test
  void theCanonicalOrderNeedsNoConfiguration() {
    ErpOrder order = (ErpOrder) canonical.map(ORDER, "jms-1");

    assertThat(order.messageId()).isEqualTo("o-1");
    assertThat(order.erpCustomerId()).isEqualTo("100234");
    assertThat(order.documentType()).isEqualTo(OrderDocumentType.ORDER);
    var purchase = order.forCustomer(42);
    assertThat(purchase.customerId()).isEqualTo(42);
    assertThat(purchase.sourceSystem()).isEqualTo("ERP");
    assertThat(purchase.orderId()).isEqualTo("SO-4711");
    assertThat(purchase.status()).isEqualTo(PurchaseStatus.PLACED);
    assertThat(purchase.currency()).isEqualTo("EUR");
    assertThat(purchase.placedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(purchase.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-23T10:05:00Z"));
    assertThat(purchase.lines()).containsExactly(
        new PurchaseLine("A-1", "Teapot", "kitchen", 2, new BigDecimal("19.90"), BigDecimal.ZERO),
        new PurchaseLine("B-2", null, null, 1, new BigDecimal("5"), null));
    assertThat(purchase.discountTotal()).isEqualByComparingTo("1.5");
    assertThat(purchase.shippingTotal()).isEqualByComparingTo("4.9");
    assertThat(purchase.taxTotal()).isEqualByComparingTo("0");
  }

  @Test
  void anErpWithItsOwnLayoutAndCodesIsMappedByConfiguration() {
    ErpOrderMapping mapping = ErpOrderMapping.of(Map.ofEntries(
        Map.entry("messageId", "/IDOC/DOCNUM"),
        Map.entry("documentType", "/AUART"),
        Map.entry("documentType-values", "ZOR:order, ZRE:invoice, G2:creditNote"),
        Map.entry("erpCustomerId", "/KUNNR"),
        Map.entry("orderId", "/VBELN"),
        Map.entry("status", "/STAT"),
        Map.entry("status-values", "OPEN:PLACED,INVOICED:PAID,SHIPPED:FULFILLED"),
        Map.entry("updatedAt", "/AEDAT"),
        Map.entry("lines", "/ITEMS"),
        Map.entry("line.sku", "/MATNR"),
        Map.entry("line.quantity", "/QTY/value")));
    String message = """
        {"IDOC":{"DOCNUM":"0000001"},"AUART":"ZOR","KUNNR":"100234","VBELN":"0815","STAT":"SHIPPED",
         "currency":"CHF","placedAt":"2026-11-23T10:00:00Z","AEDAT":"2026-11-24T08:00:00Z",
         "ITEMS":[{"MATNR":"M-9","QTY":{"value":3},"unitPrice":12.5}]}
        """;

    ErpOrder order = (ErpOrder) mapping.map(message, null);

    assertThat(order.messageId()).isEqualTo("0000001");
    assertThat(order.purchase().orderId()).isEqualTo("0815");
    assertThat(order.purchase().status()).isEqualTo(PurchaseStatus.FULFILLED);
    assertThat(order.purchase().sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    assertThat(order.purchase().lines()).singleElement().satisfies(line -> {
      assertThat(line.sku()).isEqualTo("M-9");
      assertThat(line.quantity()).isEqualTo(3);
    });
    assertThat(mapping.pointers()).containsEntry("line.sku", "/MATNR").containsEntry("currency", "/currency");
  }

  @Test
  void anInvoiceIsAVersionOfTheOrderThatIsPaidUnlessItSaysOtherwise() {
    String invoice = ORDER.replace("\"status\":\"PLACED\",", "\"documentType\":\"invoice\",");
    ErpOrder order = (ErpOrder) canonical.map(invoice, null);

    assertThat(order.documentType()).isEqualTo(OrderDocumentType.INVOICE);
    assertThat(order.purchase().status()).isEqualTo(PurchaseStatus.PAID);
    assertThat(((ErpOrder) canonical.map(ORDER.replace("\"status\":\"PLACED\",",
        "\"documentType\":\"INVOICE\",\"status\":\"fulfilled\","), null)).purchase().status())
        .isEqualTo(PurchaseStatus.FULFILLED);
  }

  @Test
  void aCreditNoteBecomesARefundOfTheOrder() {
    ErpOrderMessage message = canonical.map("""
        {"messageId":"cn-1","documentType":"creditNote","orderId":"SO-4711","creditNoteId":"CN-77",
         "amount":"10.00","issuedAt":"2026-11-25T09:00:00Z","reason":"damaged"}
        """, null);

    assertThat(message).isInstanceOfSatisfying(ErpCreditNote.class, note -> {
      assertThat(note.messageId()).isEqualTo("cn-1");
      assertThat(note.orderId()).isEqualTo("SO-4711");
      assertThat(note.refund().refundId()).isEqualTo("CN-77");
      assertThat(note.refund().amount()).isEqualByComparingTo("10");
      assertThat(note.refund().refundedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
      assertThat(note.refund().reason()).isEqualTo("damaged");
    });
  }

  @Test
  void everyMissingOrWrongFieldIsNamedWithTheKeyItCarries() {
    String broken = """
        {"messageId":"o-2","orderId":"SO-1","status":"LOST","currency":"EUR","placedAt":"yesterday",
         "lines":[{"sku":"A","quantity":1.5,"unitPrice":"x"}, 7]}
        """;

    assertThatThrownBy(() -> canonical.map(broken, null))
        .isInstanceOfSatisfying(UnmappableMessageException.class, e -> {
          assertThat(e.reasonType()).isEqualTo("unmappable");
          assertThat(e.messageId()).isEqualTo("o-2");
          assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("erpCustomerId",
              "status", "placedAt", "updatedAt", "lines[0].quantity", "lines[0].unitPrice", "lines[1]");
          assertThat(e.getMessage()).doesNotContain("LOST", "yesterday");
        });
    assertThatThrownBy(() -> canonical.map("{\"documentType\":\"creditNote\",\"orderId\":\"1\"}", "jms-9"))
        .isInstanceOfSatisfying(UnmappableMessageException.class, e -> {
          assertThat(e.messageId()).isEqualTo("jms-9");
          assertThat(e.violations()).extracting(FieldViolation::field)
              .containsExactlyInAnyOrder("creditNoteId", "amount", "issuedAt");
        });
  }

  @Test
  void notJsonIsMalformed() {
    assertThatThrownBy(() -> canonical.map("{oops", "k"))
        .isInstanceOfSatisfying(UnmappableMessageException.class,
            e -> assertThat(e.reasonType()).isEqualTo("malformed-json"));
  }

  @Test
  void aBrokenValueMapOrPointerFailsTheStartNamingTheKey() {
    assertThatThrownBy(() -> ErpOrderMapping.of(Map.of("status-values", "OPEN:NOPE")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crm.erp.mapping.order.status-values");
    assertThatThrownBy(() -> ErpOrderMapping.of(Map.of("line.sku", "no-slash")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crm.erp.mapping.order.line.sku");
  }
}
