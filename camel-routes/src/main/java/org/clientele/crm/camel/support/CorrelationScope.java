package org.clientele.crm.camel.support;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.clientele.crm.api.integration.CorrelationContext;

/**
 * Runs every step of every route with the exchange's correlation id in the CRM's {@link CorrelationContext}, so
 * what a step causes in the CRM (outbox messages for the ERP, say) carries the id of the inbound message. Routes
 * get the id from {@link SharedRouteConfiguration} as they start; the steps before that run without one.
 *
 * <p>The id is in force while the step runs on the calling thread, which is the whole step for the CRM's own
 * processors; a step that completes later on another thread (an asynchronous component) runs its continuation
 * without it, and the next step sets it again.
 */
public final class CorrelationScope implements InterceptStrategy {

  private final CorrelationContext correlation;

  public CorrelationScope(CorrelationContext correlation) {
    this.correlation = correlation;
  }

  @Override
  public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
      Processor nextTarget) {
    // An AsyncProcessor, so that Camel's asynchronous routing engine keeps working (and does not warn per step).
    return new DelegateAsyncProcessor(target) {
      @Override
      public boolean process(Exchange exchange, AsyncCallback callback) {
        String id = exchange.getMessage().getHeader(CorrelationIds.HEADER, String.class);
        if (id == null || id.isBlank() || id.length() > CorrelationContext.MAX_LENGTH) {
          return super.process(exchange, callback);
        }
        return correlation.call(id, () -> super.process(exchange, callback));
      }
    };
  }
}
