package org.clientele.crm.camel.email.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.clientele.crm.camel.email.mailchimp.MemberStatusRule.Decision;
import org.junit.jupiter.api.Test;

/** Consent precedence and the never-resubscribe rule. */
class MemberStatusRuleTest {

  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-02-01T10:00:00Z");

  @Test
  void aNewMemberGetsTheStatusOfTheConsent() {
    assertThat(MemberStatusRule.decide("GRANTED", T1, null, null, false))
        .isEqualTo(new Decision(true, "subscribed", "subscribed"));
    assertThat(MemberStatusRule.decide("WITHDRAWN", T1, null, null, false))
        .isEqualTo(new Decision(true, "unsubscribed", "unsubscribed"));
    assertThat(MemberStatusRule.decide("DENIED", T1, null, null, false))
        .isEqualTo(new Decision(true, "unsubscribed", "unsubscribed"));
  }

  @Test
  void withoutADecisionNobodyIsCreatedAndAKnownMemberGetsItsProfileOnly() {
    assertThat(MemberStatusRule.decide(null, null, null, null, false).send()).isFalse();
    assertThat(MemberStatusRule.decide("PENDING", T1, null, null, false).send()).isFalse();
    assertThat(MemberStatusRule.decide(null, null, "subscribed", T1, true))
        .isEqualTo(new Decision(true, null, "transactional"));
  }

  @Test
  void anUnsubscribeInMailchimpStandsUnlessTheCrmsOptInIsNewer() {
    assertThat(MemberStatusRule.decide("GRANTED", T1, "unsubscribed", T2, true).status()).isNull();
    assertThat(MemberStatusRule.decide("GRANTED", T2, "unsubscribed", T2, true).status()).as("same instant").isNull();
    assertThat(MemberStatusRule.decide("GRANTED", T2, "unsubscribed", null, true).status()).as("time unknown")
        .isNull();
    assertThat(MemberStatusRule.decide("GRANTED", T2, "unsubscribed", T1, true).status()).isEqualTo("subscribed");
  }

  @Test
  void cleanedIsNeverChanged() {
    assertThat(MemberStatusRule.decide("GRANTED", T2, "cleaned", T1, true))
        .isEqualTo(new Decision(true, null, "subscribed"));
    assertThat(MemberStatusRule.decide("WITHDRAWN", T2, "cleaned", T1, true).status()).isNull();
  }

  @Test
  void aWithdrawalNewerThanTheSubscriptionUnsubscribes() {
    assertThat(MemberStatusRule.decide("WITHDRAWN", T2, "subscribed", T1, true).status()).isEqualTo("unsubscribed");
    assertThat(MemberStatusRule.decide("WITHDRAWN", T1, "subscribed", T2, true).status()).as("resubscribed since")
        .isNull();
    assertThat(MemberStatusRule.decide("GRANTED", T2, "subscribed", T1, true).status()).as("nothing to change")
        .isNull();
  }

  @Test
  void inBulkNoStatusIsSentThatCouldResubscribe() {
    assertThat(MemberStatusRule.decideBulk("GRANTED", T2, null, null, false))
        .as("new or unknown: subscribed only if new").isEqualTo(new Decision(true, null, "subscribed"));
    assertThat(MemberStatusRule.decideBulk("GRANTED", T2, "unsubscribed", T1, true).status())
        .as("even a newer opt-in: the state in Mailchimp was not read").isNull();
    assertThat(MemberStatusRule.decideBulk("WITHDRAWN", T2, null, null, false))
        .isEqualTo(new Decision(true, "unsubscribed", "unsubscribed"));
    assertThat(MemberStatusRule.decideBulk("DENIED", T2, "subscribed", T1, true).status()).isEqualTo("unsubscribed");
    assertThat(MemberStatusRule.decideBulk("WITHDRAWN", T1, "subscribed", T2, true).status())
        .as("resubscribed in Mailchimp since: the newer decision wins").isNull();
    assertThat(MemberStatusRule.decideBulk("WITHDRAWN", T2, "cleaned", T1, true).status()).isNull();
    assertThat(MemberStatusRule.decideBulk(null, null, null, null, false).send()).isFalse();
    assertThat(MemberStatusRule.decideBulk("PENDING", T1, "subscribed", T1, true))
        .isEqualTo(new Decision(true, null, "transactional"));
  }
}
