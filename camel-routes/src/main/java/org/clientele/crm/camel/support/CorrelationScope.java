package org.clientele.crm.camel.support;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.clientele.crm.api.integration.CorrelationContext;

/**
 * Runs every step of every route with the exchange's correlation id in the CRM's {@link CorrelationContext}, so
 * what a step causes in the CRM (outbox messages for the ERP, say) carries the id of the inbound message. Routes
 * get the id from {@link SharedRouteConfiguration} as they start; the steps before that run without one.
 */
public final class CorrelationScope implements InterceptStrategy {

  private final CorrelationContext correlation;

  public CorrelationScope(CorrelationContext correlation) {
    this.correlation = correlation;
  }

  @Override
  public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
      Processor nextTarget) {
    return exchange -> {
      String id = exchange.getMessage().getHeader(CorrelationIds.HEADER, String.class);
      if (id == null || id.isBlank() || id.length() > CorrelationContext.MAX_LENGTH) {
        target.process(exchange);
        return;
      }
      Exception failure = correlation.call(id, () -> {
        try {
          target.process(exchange);
          return null;
        } catch (Exception e) {
          return e;
        }
      });
      if (failure != null) {
        throw failure;
      }
    };
  }
}
