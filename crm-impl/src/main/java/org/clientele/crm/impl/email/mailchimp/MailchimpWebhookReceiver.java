package org.clientele.crm.impl.email.mailchimp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.CrmException;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.email.EmailMember;
import org.clientele.crm.api.email.EmailWebhookReceiver;
import org.clientele.crm.api.integration.InboundLedger;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Direction;
import org.clientele.crm.api.interaction.InteractionService;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.impl.audit.AuditLog;
import org.clientele.crm.impl.email.DefaultEmailMemberRegistry;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Mailchimp's webhooks ({@code /crm/hooks/mailchimp/<secret>}), applied synchronously: each is one customer's
 * consent or profile change, a few rows in one transaction, far within Mailchimp's ~10 s; a failure answers 5xx
 * and Mailchimp delivers again. Received when {@code crm.email.mailchimp.webhook-secret} and {@code list-id} are
 * set. Counts {@code crm_email_webhooks_total{platform, type, outcome}}. Logs carry the type and outcome only.
 */
@ApplicationScoped
public class MailchimpWebhookReceiver implements EmailWebhookReceiver {

  private static final Logger LOG = Logger.getLogger(MailchimpWebhookReceiver.class.getName());
  private static final String PREFIX = "crm.email.mailchimp.";
  static final String METRIC = "crm.email.webhooks";
  /** The actor of the audit events of webhook changes (an unauthenticated request: no caller). */
  static final String ACTOR = "mailchimp-webhook";

  @Inject Config config;
  @Inject MailchimpWebhookApplier applier;
  @Inject InboundLedger ledger;
  @Inject CustomerService customers;
  @Inject DefaultEmailMemberRegistry members;
  @Inject InteractionService interactions;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  @Override
  public Receipt validate(String platform, String secret) {
    Receipt refused = authenticate(platform, secret);
    return refused != null ? refused : new Receipt(Outcome.APPLIED, null, "validated");
  }

  @Override
  public Receipt receive(String platform, String secret, Map<String, String> form) {
    Receipt refused = authenticate(platform, secret);
    if (refused != null) {
      return refused;
    }
    MailchimpWebhook hook;
    try {
      hook = MailchimpWebhook.parse(form);
    } catch (IllegalArgumentException e) {
      return count(new Receipt(Outcome.MALFORMED, null, e.getMessage()));
    }
    String list = setting("list-id").orElseThrow();
    if (!list.equals(hook.listId())) {
      return count(new Receipt(Outcome.IGNORED, hook.type(), "another audience"));
    }
    if ("campaign".equals(hook.type())) {
      // a campaign was sent or cancelled: engagement comes from the reports API, nothing per customer here
      return count(new Receipt(Outcome.IGNORED, hook.type(), "campaign events are not applied"));
    }
    Map<String, String> inbound = InboundMergeFields.parse(setting("inbound-merge-fields").orElse(""));
    if ("profile".equals(hook.type()) && inbound.isEmpty()) {
      return count(new Receipt(Outcome.IGNORED, hook.type(), "no inbound merge fields configured"));
    }
    if (ledger.isApplied(MailchimpWebhookApplier.SYSTEM, hook.key())) {
      return count(new Receipt(Outcome.DUPLICATE, hook.type(), "applied before"));
    }
    Optional<Long> customer = customerOf(list, hook.memberEmail());
    if (customer.isEmpty()) {
      return count(new Receipt(Outcome.IGNORED, hook.type(), "no customer has this address"));
    }
    long id = customer.get();
    if ("unsubscribe".equals(hook.type()) || "cleaned".equals(hook.type())) {
      // recording is idempotent by the delivery's key and commits on its own: before the change, so that a
      // failure after it is delivered again and recorded once
      AuditLog.actingAs(ACTOR, () -> interactions.record(interaction(id, hook)));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        boolean applied = AuditLog.actingAs(ACTOR, () -> applier.apply(hook, id, inbound));
        return count(new Receipt(applied ? Outcome.APPLIED : Outcome.DUPLICATE, hook.type(),
            applied ? "applied" : "applied before"));
      } catch (ConcurrentModificationException e) {
        if (attempt >= 3) {
          throw e; // 5xx: Mailchimp delivers again
        }
      } catch (ConflictException e) {
        // a concurrent twin holding the ledger key (the next attempt sees it applied, or applies if it rolled
        // back), or an address of another profile (which fails again)
        if (ledger.isApplied(MailchimpWebhookApplier.SYSTEM, hook.key())) {
          return count(new Receipt(Outcome.DUPLICATE, hook.type(), "applied concurrently"));
        }
        if (attempt < 3) {
          pause();
          continue;
        }
        return count(new Receipt(Outcome.REFUSED, hook.type(),
            "The change conflicts with stored data (e.g. the address belongs to another profile)"));
      } catch (CrmException e) {
        return count(new Receipt(Outcome.REFUSED, hook.type(), "The CRM refused the change as invalid"));
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Receipt authenticate(String platform, String secret) {
    Optional<String> expected = setting("webhook-secret");
    if (!MailchimpWebhookApplier.PLATFORM.equals(platform) || expected.isEmpty() || setting("list-id").isEmpty()) {
      return new Receipt(Outcome.NOT_FOUND, null, "No email-platform webhooks are received at this path");
    }
    if (!MailchimpWebhook.secretMatches(expected.get(), secret)) {
      LOG.warning("Refused a Mailchimp webhook: missing or wrong secret in the URL");
      return count(new Receipt(Outcome.UNAUTHENTICATED, null, "The webhook URL's secret is missing or wrong"));
    }
    return null;
  }

  /** By the member the CRM knows with this address on the list, else the profile with it. */
  private Optional<Long> customerOf(String list, String email) {
    Optional<EmailMember> member = members.findByAddress(MailchimpWebhookApplier.PLATFORM, list, email);
    if (member.isPresent()) {
      return Optional.of(member.get().customerId());
    }
    return customers.findByEmail(email).map(CustomerProfile::id);
  }

  static NewInteraction interaction(long customerId, MailchimpWebhook hook) {
    boolean cleaned = "cleaned".equals(hook.type());
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("listId", hook.listId());
    attributes.put("webhook", hook.type());
    for (String name : new String[] {"reason", "action", "campaign_id"}) {
      String value = hook.data(name);
      if (value != null) {
        attributes.put("campaign_id".equals(name) ? "campaignId" : name,
            value.length() > 500 ? value.substring(0, 500) : value);
      }
    }
    return new NewInteraction(customerId, Channel.EMAIL,
        cleaned ? InteractionType.CAMPAIGN_BOUNCED : InteractionType.UNSUBSCRIBE, Direction.INBOUND,
        hook.firedAt(), cleaned ? "Address cleaned in Mailchimp" : "Unsubscribed in Mailchimp", null, attributes,
        null, "MAILCHIMP", hook.key(), null, null, null);
  }

  private Receipt count(Receipt receipt) {
    String type = receipt.type() != null && MailchimpWebhook.TYPES.contains(receipt.type()) ? receipt.type()
        : "other";
    metrics.counter(METRIC, new Tag("platform", MailchimpWebhookApplier.PLATFORM), new Tag("type", type),
        new Tag("outcome", receipt.outcome().name().toLowerCase(java.util.Locale.ROOT))).inc();
    if (receipt.outcome() != Outcome.APPLIED && receipt.outcome() != Outcome.UNAUTHENTICATED) {
      LOG.fine(() -> "Mailchimp webhook " + type + ": " + receipt.outcome());
    }
    return receipt;
  }

  private Optional<String> setting(String name) {
    return config.getOptionalValue(PREFIX + name, String.class).filter(s -> !s.isBlank());
  }
}
