package org.clientele.crm.impl.email.mailchimp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.CustomerUpdate;
import org.clientele.crm.api.integration.InboundLedger;
import org.clientele.crm.impl.email.DefaultEmailMemberRegistry;

/**
 * Applies one Mailchimp webhook to a customer at most once: the ledger entry, the consent or profile change and
 * the member's status in crm_email_member share one transaction (the outbox message the change causes too).
 */
@ApplicationScoped
public class MailchimpWebhookApplier {

  public static final String SYSTEM = "email";
  public static final String PLATFORM = "mailchimp";
  public static final String SOURCE = "EMAIL:mailchimp";

  @Inject InboundLedger ledger;
  @Inject CustomerService customers;
  @Inject DefaultEmailMemberRegistry members;

  /**
   * @return false when the delivery was applied before
   * @throws org.clientele.crm.api.ConflictException on a concurrent twin, or an address of another profile
   */
  @Transactional
  public boolean apply(MailchimpWebhook hook, long customerId, Map<String, String> inboundFields) {
    if (!ledger.markApplied(SYSTEM, hook.key(), PLATFORM + "." + hook.type())) {
      return false;
    }
    String list = hook.listId();
    switch (hook.type()) {
      case "subscribe" -> {
        consent(customerId, ConsentStatus.GRANTED, hook, "Mailchimp subscribe on list " + list);
        members.statusFromPlatform(PLATFORM, list, customerId, hook.data("email"), "subscribed", hook.firedAt());
      }
      case "unsubscribe" -> {
        consent(customerId, ConsentStatus.WITHDRAWN, hook, "Mailchimp unsubscribe on list " + list + reasons(hook));
        members.statusFromPlatform(PLATFORM, list, customerId, hook.data("email"), "unsubscribed",
            hook.firedAt());
      }
      case "cleaned" -> {
        consent(customerId, ConsentStatus.WITHDRAWN, hook, "Mailchimp cleaned the address on list " + list
            + reasons(hook));
        members.statusFromPlatform(PLATFORM, list, customerId, hook.data("email"), "cleaned", hook.firedAt());
      }
      case "upemail" -> {
        CustomerProfile profile = customers.get(customerId);
        String email = hook.data("new_email");
        // the member has the new address already: the outbound sync finds it there and changes nothing back
        members.addressFromPlatform(PLATFORM, list, customerId, email);
        if (!email.equalsIgnoreCase(profile.email() == null ? "" : profile.email())) {
          CustomerUpdate u = profile.toUpdate();
          customers.update(customerId, profile.version(), new CustomerUpdate(u.givenName(), u.familyName(), email,
              u.phone(), u.birthDate(), u.language(), u.address(), u.lifecycleStage(), u.contactPoints(), u.tags(),
              u.attributes()));
        }
      }
      case "profile" -> {
        CustomerProfile profile = customers.get(customerId);
        CustomerUpdate current = profile.toUpdate();
        CustomerUpdate changed = InboundMergeFields.apply(current, inboundFields, hook);
        if (!changed.equals(current)) {
          customers.update(customerId, profile.version(), changed);
        }
      }
      default -> throw new IllegalStateException("not applied: " + hook.type());
    }
    return true;
  }

  private void consent(long customerId, ConsentStatus status, MailchimpWebhook hook, String evidence) {
    customers.recordConsent(customerId, new ConsentDecision(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, status,
        SOURCE, hook.firedAt(), evidence.length() > 1000 ? evidence.substring(0, 1000) : evidence));
  }

  /** reason, action and campaign as Mailchimp gave them (short codes: manual, abuse, hard, unsub, delete). */
  static String reasons(MailchimpWebhook hook) {
    StringBuilder s = new StringBuilder();
    for (String name : new String[] {"reason", "action", "campaign_id"}) {
      String value = hook.data(name);
      if (value != null) {
        s.append(s.length() == 0 ? " (" : ", ").append(name).append('=').append(value.length() > 100
            ? value.substring(0, 100) : value);
      }
    }
    return s.length() == 0 ? "" : s.append(')').toString();
  }
}
