package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.clientele.crm.api.integration.DeadLetterService;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The host ERP's orders, invoices and credit notes, inbound: {@code erp-orders-in} reads the queue
 * {@code crm.erp.orders.uri} (default {@code jms:queue:clientele.erp.orders}), {@code erp-orders-apply} maps each
 * document ({@link ErpOrderMapping}) and applies it at most once ({@link ErpOrderApplier}): orders and invoices
 * as purchases of source {@code ERP}, credit notes as refunds. Failures as in {@link ErpInboundRoutes}.
 */
@Dependent
public class ErpOrderRoutes extends ErpInboundRoutes {

  public static final String ROUTE_ID = "erp-orders-in";
  public static final String APPLY_ROUTE_ID = "erp-orders-apply";
  public static final String APPLY_ENDPOINT = "direct:erp-orders-apply";
  static final String METRIC = "crm.erp.order.messages";

  private final ErpOrderApplier applier;
  private ErpOrderMapping mapping;

  @Inject
  public ErpOrderRoutes(ErpOrderApplier applier, DeadLetterService deadLetters,
      @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) MetricRegistry metrics) {
    super("orders", OrderDocumentType.ORDER.canonicalName(), METRIC, deadLetters, metrics);
    this.applier = applier;
  }

  @Override
  protected void configureMapping(Function<String, String> lookup) {
    mapping = ErpOrderMapping.configured(lookup);
  }

  @Override
  protected ErpOutcome apply(Exchange exchange, String payload, String fallbackKey) {
    ErpOrderMessage message = mapping.map(payload, fallbackKey);
    mapped(exchange, message.messageId(), message.documentType().canonicalName());
    return applier.apply(message);
  }
}
