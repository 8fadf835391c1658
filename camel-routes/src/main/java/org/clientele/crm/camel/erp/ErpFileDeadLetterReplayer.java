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
 * Replays parked {@code erp-files-in} letters (a file that failed as a whole) through {@code erp-files-replay}: the
 * stored file text is parsed and sent again under the file's name, with the same content-derived keys, so records
 * applied before are skipped. Useful after a {@code record-failed} letter (the database was down); a malformed file
 * fails again (fix it and drop it again instead). Letters whose payload is a note (the file was too big) are not
 * replayable: drop the file from {@code failed/} again.
 */
@ApplicationScoped
public class ErpFileDeadLetterReplayer implements DeadLetterReplayer {

  @Inject CamelIntegrationRuntime runtime;

  @Override
  public boolean canReplay(DeadLetter letter) {
    return letter.direction() == MessageDirection.INBOUND
        && ErpCustomerApplier.SYSTEM.equals(letter.system())
        && ErpFileRoutes.ROUTE_ID.equals(letter.routeId())
        && "text".equals(letter.headers().get(ErpFileRoutes.PAYLOAD_HEADER))
        && runtime.hasRoute(ErpFileRoutes.REPLAY_ROUTE_ID);
  }

  @Override
  public void replay(DeadLetter letter) {
    Exchange done = runtime.send(ErpFileRoutes.REPLAY_ENDPOINT, exchange -> {
      exchange.getMessage().setBody(letter.payload());
      exchange.getMessage().setHeader(ErpFileRoutes.FILE_NAME_HEADER,
          letter.headers().get(ErpFileRoutes.FILE_NAME_HEADER));
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
