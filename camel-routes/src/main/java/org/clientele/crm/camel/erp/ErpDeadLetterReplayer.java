package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterReplayer;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.camel.CamelIntegrationRuntime;
import org.clientele.crm.camel.support.CorrelationIds;

/**
 * Replays parked {@code erp-customers-in} letters through {@code erp-customers-apply}: the same mapping,
 * ledger and registration as the first time, with the letter's key and correlation id. A failure is thrown back
 * (the letter stays parked) instead of parking a second letter.
 */
@ApplicationScoped
public class ErpDeadLetterReplayer implements DeadLetterReplayer {

  @Inject CamelIntegrationRuntime runtime;

  @Override
  public boolean canReplay(DeadLetter letter) {
    return letter.direction() == MessageDirection.INBOUND
        && ErpCustomerApplier.SYSTEM.equals(letter.system())
        && ErpCustomerRoutes.ROUTE_ID.equals(letter.routeId())
        && runtime.hasRoute(ErpCustomerRoutes.APPLY_ROUTE_ID);
  }

  @Override
  public void replay(DeadLetter letter) {
    Exchange done = runtime.send(ErpCustomerRoutes.APPLY_ENDPOINT, exchange -> {
      exchange.setProperty(ErpCustomerRoutes.REPLAY_PROPERTY, Boolean.TRUE);
      exchange.getMessage().setBody(letter.payload());
      String key = letter.headers().getOrDefault(ErpCustomerRoutes.MESSAGE_ID_HEADER, letter.messageKey());
      if (key != null) {
        exchange.getMessage().setHeader(ErpCustomerRoutes.MESSAGE_ID_HEADER, key);
      }
      if (letter.correlationId() != null) {
        exchange.getMessage().setHeader(CorrelationIds.HEADER, letter.correlationId());
      }
    });
    if (done.getException() != null) {
      throw new IllegalStateException(ErpCustomerRoutes.reason(done.getException()), done.getException());
    }
    String failure = done.getProperty(ErpCustomerRoutes.FAILURE_PROPERTY, String.class);
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }
}
