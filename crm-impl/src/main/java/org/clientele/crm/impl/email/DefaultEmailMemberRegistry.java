package org.clientele.crm.impl.email;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.email.EmailMember;
import org.clientele.crm.api.email.EmailMemberRegistry;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.integration.DefaultOutbox;
import org.clientele.crm.impl.integration.MessageJson;
import org.clientele.crm.impl.persistence.Jdbc;

/** The members in crm_email_member; the erasure of a customer's members is queued here too. */
@ApplicationScoped
public class DefaultEmailMemberRegistry implements EmailMemberRegistry {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject DefaultOutbox outbox;

  @Inject CustomerResolver customers;

  @jakarta.annotation.Resource jakarta.transaction.TransactionSynchronizationRegistry transactions;

  @Override
  @Transactional(TxType.REQUIRED)
  public Optional<EmailMember> find(String platform, String audience, long customerId) {
    return jdbc(c -> EmailMemberStore.find(c, platform, audience, customerId));
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public void record(EmailMember member) {
    if (member == null || member.platform() == null || member.audience() == null || member.email() == null
        || member.memberKey() == null || member.syncedAt() == null) {
      throw new InvalidInputException("member", "platform, audience, email, memberKey and syncedAt are required");
    }
    try {
      customers.profile(member.customerId());
    } catch (ResourceNotFoundException e) {
      // erased while the platform was being called: the erasure did not know this member yet
      jdbc(c -> EmailMemberStore.delete(c, member.platform(), member.audience(), member.customerId()));
      queueErasure(member);
      return;
    }
    jdbc(c -> {
      // locked: a webhook committing between this read and the write would be overwritten
      Optional<EmailMember> recorded = EmailMemberStore.find(c, member.platform(), member.audience(),
          member.customerId(), true);
      EmailMemberStore.store(c, recorded.map(r -> reconcile(r, member)).orElse(member));
      return null;
    });
  }

  /**
   * The answer to record, given what is recorded. A row recorded after the answer's request began (its
   * {@code syncedAt} is later) came from the platform while the request was in flight: a webhook, say {@code
   * cleaned}, that Mailchimp fired after it answered. Its status stands unless the answer is newer: Mailchimp's
   * {@code last_changed} in the answer ({@code changedAt}) after the webhook's {@code fired_at} ({@code statusAt}),
   * both on Mailchimp's clock. The rest of the answer (address, key, last change) is recorded either way.
   */
  static EmailMember reconcile(EmailMember recorded, EmailMember answer) {
    if (recorded.syncedAt() == null || answer.syncedAt() == null || !recorded.syncedAt().isAfter(answer.syncedAt())) {
      return answer;
    }
    boolean answerIsNewer = recorded.statusAt() == null
        || (answer.changedAt() != null && answer.changedAt().isAfter(recorded.statusAt()));
    return answerIsNewer ? answer : new EmailMember(answer.platform(), answer.audience(), answer.customerId(),
        answer.email(), answer.memberKey(), recorded.status(), recorded.statusAt(), answer.changedAt(),
        recorded.syncedAt());
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public void forget(String platform, String audience, long customerId) {
    jdbc(c -> EmailMemberStore.delete(c, platform, audience, customerId));
  }

  /**
   * Erasure, in the caller's transaction: every member of the customer is queued for deletion and forgotten.
   * Profiles of one person (a survivor and the profiles merged into it) may share a member (the same address):
   * it is deleted once per erasure.
   */
  @Transactional(TxType.MANDATORY)
  public void erase(long customerId) {
    @SuppressWarnings("unchecked")
    java.util.Set<String> queued = (java.util.Set<String>) transactions.getResource(DefaultEmailMemberRegistry.class);
    if (queued == null) {
      queued = new java.util.HashSet<>();
      transactions.putResource(DefaultEmailMemberRegistry.class, queued);
    }
    for (EmailMember member : jdbc(c -> EmailMemberStore.ofCustomer(c, customerId))) {
      if (queued.add(member.platform() + "/" + member.audience() + "/" + member.memberKey())) {
        queueErasure(member);
      }
      jdbc(c -> EmailMemberStore.delete(c, member.platform(), member.audience(), customerId));
    }
  }

  /** The member with this address on the audience (by Mailchimp's subscriber hash), if the CRM knows it. */
  @Transactional(TxType.SUPPORTS)
  public Optional<EmailMember> findByAddress(String platform, String audience, String email) {
    String key = EmailMemberStore.subscriberHash(email);
    return jdbc(c -> EmailMemberStore.findByKey(c, platform, audience, key));
  }

  /**
   * The platform reported a status (a webhook), in the caller's transaction: kept with when it began, so that the
   * outbound rule never re-subscribes without a newer opt-in. An older report than the one known changes nothing.
   */
  @Transactional(TxType.MANDATORY)
  public void statusFromPlatform(String platform, String audience, long customerId, String email, String status,
      Instant at) {
    jdbc(c -> {
      Optional<EmailMember> known = EmailMemberStore.find(c, platform, audience, customerId, true);
      if (known.isPresent() && known.get().statusAt() != null && known.get().statusAt().isAfter(at)) {
        return null;
      }
      EmailMember m = known.orElse(null);
      EmailMemberStore.store(c, new EmailMember(platform, audience, customerId, m == null ? email : m.email(),
          m == null ? EmailMemberStore.subscriberHash(email) : m.memberKey(), status, at,
          m == null ? null : m.changedAt(), Instant.now()));
      return null;
    });
  }

  /**
   * The member's address changed on the platform (a webhook), in the caller's transaction: the member now has
   * the new address and key, so the outbound sync addresses it there and sends no change back.
   */
  @Transactional(TxType.MANDATORY)
  public void addressFromPlatform(String platform, String audience, long customerId, String email) {
    jdbc(c -> {
      Optional<EmailMember> known = EmailMemberStore.find(c, platform, audience, customerId);
      if (known.isPresent()) {
        EmailMember m = known.get();
        EmailMemberStore.store(c, new EmailMember(platform, audience, customerId, email,
            EmailMemberStore.subscriberHash(email), m.status(), m.statusAt(), m.changedAt(), Instant.now()));
      }
      return null;
    });
  }

  /** The customer's members, for the export. */
  @Transactional(TxType.SUPPORTS)
  public List<EmailMember> ofCustomer(long customerId) {
    return jdbc(c -> EmailMemberStore.ofCustomer(c, customerId));
  }

  /** The platform's key only: the email is what is being erased. */
  private void queueErasure(EmailMember member) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageId", UUID.randomUUID().toString());
    body.put("messageType", EmailMemberOutbox.MEMBER_ERASED);
    body.put("customerId", member.customerId());
    body.put("occurredAt", Instant.now().toString());
    body.put("platform", member.platform());
    body.put("audience", member.audience());
    body.put("memberKey", member.memberKey());
    outbox.enqueue(new NewOutboxMessage(EmailMemberOutbox.TARGET, EmailMemberOutbox.MEMBER_ERASED,
        String.valueOf(member.customerId()), MessageJson.write(body), null));
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Email member storage", work);
  }
}
