package org.clientele.crm.impl.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterReplayer;
import org.clientele.crm.api.integration.MessageDirection;

/**
 * Replays a parked store delivery: the same mapping as the first time on the letter's payload, and the
 * delivery's status becomes PROCESSED (or SKIPPED). A failure is thrown back; the letter stays parked.
 */
@ApplicationScoped
public class StoreDeadLetterReplayer implements DeadLetterReplayer {

  @Inject DeliveryTransactions transactions;

  @Override
  public boolean canReplay(DeadLetter letter) {
    return letter.direction() == MessageDirection.INBOUND && DeliveryTransactions.SYSTEM.equals(letter.system())
        && DeliveryTransactions.ROUTE.equals(letter.routeId()) && letter.messageKey() != null
        && letter.messageKey().startsWith(DeliveryTransactions.KEY_PREFIX);
  }

  @Override
  public void replay(DeadLetter letter) {
    long id = Long.parseLong(letter.messageKey().substring(DeliveryTransactions.KEY_PREFIX.length()));
    transactions.replay(id, letter.payload());
  }
}
