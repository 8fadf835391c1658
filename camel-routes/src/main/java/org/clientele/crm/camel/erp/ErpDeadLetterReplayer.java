package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.camel.Exchange;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterReplayer;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.camel.CamelIntegrationRuntime;
import org.clientele.crm.camel.support.CorrelationIds;

/**
 * Replays parked inbound ERP letters through the apply route of their message type ({@link #APPLY_ROUTES}),
 * whichever transport brought them ({@code erp-customers-in}, {@code erp-orders-in}, {@code erp-consents-in}, a
 * file drop): the same mapping, ledger and effect as the first time, with the letter's key and correlation id. A
 * failure is thrown back (the letter stays parked) instead of parking a second letter.
 */
@ApplicationScoped
public class ErpDeadLetterReplayer implements DeadLetterReplayer {

  /** The apply route of each message type. */
  public static final Map<String, String> APPLY_ROUTES = Map.of(
      ErpCustomerApplier.MESSAGE_TYPE, ErpCustomerRoutes.APPLY_ROUTE_ID,
      OrderDocumentType.ORDER.canonicalName(), ErpOrderRoutes.APPLY_ROUTE_ID,
      OrderDocumentType.INVOICE.canonicalName(), ErpOrderRoutes.APPLY_ROUTE_ID,
      OrderDocumentType.CREDIT_NOTE.canonicalName(), ErpOrderRoutes.APPLY_ROUTE_ID,
      ErpConsentApplier.MESSAGE_TYPE, ErpConsentRoutes.APPLY_ROUTE_ID);

  @Inject CamelIntegrationRuntime runtime;

  @Override
  public boolean canReplay(DeadLetter letter) {
    String applyRoute = APPLY_ROUTES.get(letter.messageType());
    return letter.direction() == MessageDirection.INBOUND
        && ErpCustomerApplier.SYSTEM.equals(letter.system())
        && applyRoute != null
        && runtime.hasRoute(applyRoute);
  }

  @Override
  public void replay(DeadLetter letter) {
    // The apply routes' endpoints are direct:<route id>.
    Exchange done = runtime.send("direct:" + APPLY_ROUTES.get(letter.messageType()), exchange -> {
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
