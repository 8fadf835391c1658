package org.clientele.crm.impl.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.impl.customer.CustomerDataParticipant;

/**
 * Erasure reaches the email platforms: each member the customer has is queued for permanent deletion (the
 * message carries the platform's member key, no email) and forgotten. The outbox's own erasure drops the
 * customer's waiting {@code member.changed} messages and keeps these ({@code customer.erased}), whichever runs
 * first. Merges leave members with the profile they were made for: a merged-away profile's member stays until
 * the person is erased (then every profile of the person is).
 */
@ApplicationScoped
public class EmailMemberParticipant implements CustomerDataParticipant {

  @Inject DefaultEmailMemberRegistry members;

  @Override
  public String name() {
    return "email-members";
  }

  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return List.of();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {}

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {}

  @Override
  public List<?> export(long customerId) {
    return members.ofCustomer(customerId);
  }

  @Override
  public void anonymize(long customerId) {
    members.erase(customerId);
  }
}
