package org.clientele.crm.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.PurchaseLine;
import org.clientele.crm.camel.erp.CustomerMaster;
import org.clientele.crm.camel.erp.CustomerMasterMapping;
import org.clientele.crm.camel.erp.ErpConsent;
import org.clientele.crm.camel.erp.ErpConsentMapping;
import org.clientele.crm.camel.erp.ErpCreditNote;
import org.clientele.crm.camel.erp.ErpFileParser;
import org.clientele.crm.camel.erp.ErpOrder;
import org.clientele.crm.camel.erp.ErpOrderMapping;
import org.clientele.crm.camel.erp.ErpOrderMessage;
import org.clientele.crm.impl.email.mailchimp.MailchimpWebhook;
import org.clientele.crm.impl.store.shopify.ShopifyHmac;
import org.clientele.crm.impl.store.shopify.ShopifyJson;
import org.clientele.crm.impl.store.shopify.ShopifyMapping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Emitted messages are read by the project's own parsers and mappings into the data the model holds. */
class EmitterTest {

  static final int N = 1_500;
  static Model model;
  static List<Model.Profile> profiles = new ArrayList<>();
  @TempDir static Path dir;

  @BeforeAll
  static void emit() throws Exception {
    model = new Model(Model.Settings.defaults().withCustomers(N, N * 6L, N * 4L));
    for (int k = 0; k < N; k++) {
      profiles.add(model.profile(k));
    }
    try (Emitter e = new Emitter(model, dir)) {
      e.emitAll();
    }
  }

  @Test
  void erpFilesParseAndMapToTheModelsCustomersOrdersAndConsents() throws Exception {
    ErpFileParser parser = new ErpFileParser(List.of("customers", "orders", "consents"));
    CustomerMasterMapping customers = CustomerMasterMapping.of(Map.of());
    ErpOrderMapping orders = ErpOrderMapping.of(Map.of());
    ErpConsentMapping consents = ErpConsentMapping.of(Map.of());
    Map<String, Model.Profile> byErpId = new LinkedHashMap<>();
    Map<String, Model.Purchase> byOrderId = new LinkedHashMap<>();
    long erpConsents = 0;
    for (Model.Profile p : profiles) {
      if (p.erpId() != null) {
        byErpId.put(p.erpId(), p);
        erpConsents += p.consents().stream().filter(c -> c.source().equals(Model.ERP)).count();
      }
      p.purchases().stream().filter(o -> o.sourceSystem().equals(Model.ERP)).forEach(o -> byOrderId.put(o.orderId(), o));
    }
    int customerRecords = 0;
    int orderRecords = 0;
    int consentRecords = 0;
    for (Path file : files(dir.resolve("erp"))) {
      ErpFileParser.ParsedFile parsed = parser.parse(file.getFileName().toString(), Files.readAllBytes(file));
      for (String record : parsed.records()) {
        switch (parsed.kind()) {
          case "customers" -> {
            CustomerMaster m = customers.map(record, null);
            Model.Profile p = byErpId.get(m.erpCustomerId());
            NewCustomer c = m.customer();
            assertThat(c.email()).isEqualTo(p.person().email());
            assertThat(c.givenName()).isEqualTo(p.person().givenName());
            assertThat(c.identities()).hasSize(1);
            customerRecords++;
          }
          case "orders" -> {
            ErpOrderMessage message = orders.map(record, null);
            if (message instanceof ErpOrder o) {
              Model.Purchase expected = byOrderId.get(o.purchase().orderId());
              assertThat(total(o.purchase())).isEqualByComparingTo(Text.money(expected.total()));
              assertThat(o.purchase().placedAt().getEpochSecond()).isEqualTo(expected.placedAt());
            } else {
              ErpCreditNote n = (ErpCreditNote) message;
              assertThat(byOrderId).containsKey(n.orderId());
            }
            orderRecords++;
          }
          default -> {
            ErpConsent c = consents.map(record, null);
            assertThat(byErpId).containsKey(c.erpCustomerId());
            consentRecords++;
          }
        }
      }
    }
    assertThat(customerRecords).isEqualTo(byErpId.size());
    long credits = byOrderId.values().stream().filter(o -> o.refunded() > 0).count();
    assertThat(orderRecords).isEqualTo(byOrderId.size() + credits);
    assertThat(consentRecords).isEqualTo(erpConsents);
  }

  @Test
  void shopifyDeliveriesMapToTheModelsCustomersAndOrdersAndCarryValidSignatures() throws Exception {
    Map<String, Model.Purchase> byOrderId = new LinkedHashMap<>();
    Map<String, Model.Profile> byShopId = new LinkedHashMap<>();
    long shopCustomers = 0;
    for (Model.Profile p : profiles) {
      shopCustomers += p.shopCustomerId() == null ? 0 : 1;
      byShopId.put(p.shopCustomerId(), p);
      p.purchases().stream().filter(o -> !o.sourceSystem().equals(Model.ERP))
          .forEach(o -> byOrderId.put(o.orderId(), o));
    }
    long customers = 0;
    long orders = 0;
    for (Path file : files(dir.resolve("shopify"))) {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.split("\t", 5);
        assertThat(f[1]).isEqualTo(model.settings().shop());
        byte[] body = f[4].getBytes(StandardCharsets.UTF_8);
        assertThat(ShopifyHmac.verify(body, Sender.hmac(body, "s3cret"), List.of("s3cret"))).isTrue();
        JsonObject json = Json.createReader(new StringReader(f[4])).readObject();
        switch (f[0]) {
          case "customers/create" -> {
            NewCustomer c = ShopifyMapping.customer(f[1], ShopifyJson.customer(json));
            assertThat(c.identities().get(0).system()).isEqualTo(model.shopSystem());
            Model.Profile p = byShopId.get(c.identities().get(0).externalId());
            assertThat(c.email()).isEqualTo(p.person().email());
            assertThat(c.familyName()).isEqualTo(p.person().familyName());
            assertThat(c.consents().size()).isEqualTo(p.consents().stream().filter(k -> k.source().equals(
                model.shopSystem()) && k.purpose().equals("MARKETING")).map(Model.Consent::channel).distinct().count());
            customers++;
          }
          case "orders/create" -> {
            NewPurchase p = ShopifyMapping.purchase(f[1], 1, ShopifyJson.order(json));
            Model.Purchase expected = byOrderId.get(p.orderId());
            assertThat(total(p)).isEqualByComparingTo(Text.money(expected.total()));
            assertThat(p.status().name()).isEqualTo(expected.status().equals("REFUNDED") ? "FULFILLED"
                : expected.status());
            orders++;
          }
          case "refunds/create" -> assertThat(ShopifyMapping.refund(ShopifyJson.refund(json)).amount()).isPositive();
          default -> throw new AssertionError(f[0]);
        }
      }
    }
    assertThat(customers).isEqualTo(shopCustomers);
    assertThat(orders).isEqualTo(byOrderId.size());
  }

  @Test
  void mailchimpBodiesParseAsTheWebhooksOfTheAudience() throws Exception {
    long expected = profiles.stream().flatMap(p -> p.consents().stream())
        .filter(c -> c.source().equals(Model.MAILCHIMP_CONSENT_SOURCE)).count();
    long parsed = 0;
    for (Path file : files(dir.resolve("mailchimp"))) {
      for (String line : Files.readAllLines(file)) {
        MailchimpWebhook hook = MailchimpWebhook.parse(form(line));
        assertThat(hook.type()).isIn("unsubscribe", "cleaned");
        assertThat(hook.listId()).isEqualTo(model.settings().audience());
        assertThat(hook.memberEmail()).contains("@");
        parsed++;
      }
    }
    assertThat(parsed).isEqualTo(expected).isPositive();
  }

  @Test
  void theSenderPostsSignedShopifyDeliveriesAndMailchimpFormsToTheHooks() throws Exception {
    ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/crm/hooks/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      boolean ok = path.equals("/crm/hooks/mailchimp/hook-secret")
          ? MailchimpWebhook.parse(form(new String(body, StandardCharsets.UTF_8))) != null
          : ShopifyHmac.verify(body, exchange.getRequestHeaders().getFirst("X-Shopify-Hmac-Sha256"), List.of("s3cret"))
              && exchange.getRequestHeaders().getFirst("X-Shopify-Event-Id") != null;
      received.add(path);
      exchange.sendResponseHeaders(ok ? 200 : 401, -1);
      exchange.close();
    });
    server.start();
    try {
      Path small = dir.resolveSibling(dir.getFileName() + "-small");
      try (Emitter e = new Emitter(new Model(Model.Settings.defaults().withCustomers(60, 360, 240)), small)) {
        e.emitAll();
      }
      Sender sender = new Sender("http://127.0.0.1:" + server.getAddress().getPort(), 0, "s3cret", "hook-secret",
          line -> {});
      Sender.Totals totals = sender.send(small);
      long lines = 0;
      for (String sub : List.of("shopify", "mailchimp")) {
        for (Path f : files(small.resolve(sub))) {
          lines += Files.readAllLines(f).size();
        }
      }
      assertThat(totals.failed()).isZero();
      assertThat(totals.sent()).isEqualTo(lines).isEqualTo(received.size()).isPositive();
    } finally {
      server.stop(0);
    }
  }

  /** The CRM's arithmetic on a purchase version: Σ(quantity × unit price − discount) − discount + shipping + tax. */
  static BigDecimal total(NewPurchase p) {
    BigDecimal sum = BigDecimal.ZERO;
    for (PurchaseLine l : p.lines()) {
      sum = sum.add(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())).subtract(l.discount()));
    }
    return sum.subtract(p.discountTotal()).add(p.shippingTotal()).add(p.taxTotal());
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static List<Path> files(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }
}
