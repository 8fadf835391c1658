package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.clientele.crm.api.integration.DeadLetterService;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The host ERP's consent decisions, inbound: {@code erp-consents-in} reads the queue {@code crm.erp.consents.uri}
 * (default {@code jms:queue:clientele.erp.consents}), {@code erp-consents-apply} maps each message
 * ({@link ErpConsentMapping}) and records it at most once ({@link ErpConsentApplier}) with source {@code ERP}.
 * Failures as in {@link ErpInboundRoutes}.
 */
@Dependent
public class ErpConsentRoutes extends ErpInboundRoutes {

  public static final String ROUTE_ID = "erp-consents-in";
  public static final String APPLY_ROUTE_ID = "erp-consents-apply";
  public static final String APPLY_ENDPOINT = "direct:erp-consents-apply";
  static final String METRIC = "crm.erp.consent.messages";

  private final ErpConsentApplier applier;
  private ErpConsentMapping mapping;

  @Inject
  public ErpConsentRoutes(ErpConsentApplier applier, DeadLetterService deadLetters,
      @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) MetricRegistry metrics) {
    super("consents", ErpConsentApplier.MESSAGE_TYPE, METRIC, deadLetters, metrics);
    this.applier = applier;
  }

  @Override
  protected void configureMapping(Function<String, String> lookup) {
    mapping = ErpConsentMapping.configured(lookup);
  }

  @Override
  protected ErpOutcome apply(Exchange exchange, String payload, String fallbackKey) {
    ErpConsent message = mapping.map(payload, fallbackKey);
    mapped(exchange, message.messageId(), ErpConsentApplier.MESSAGE_TYPE);
    return applier.apply(message);
  }
}
