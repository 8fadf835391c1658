package org.clientele.crm.impl.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.clientele.crm.api.email.EmailMember;
import org.junit.jupiter.api.Test;

/** Recording the platform's answer to a delivery against what was recorded meanwhile (a webhook). */
class EmailMemberReconcileTest {

  private static final Instant BEGUN = Instant.parse("2026-03-01T10:00:00Z");

  private static EmailMember answer(String status, Instant changedAt) {
    return new EmailMember("mailchimp", "L1", 7, "new@example.com", "hash-new", status, BEGUN.minusSeconds(60),
        changedAt, BEGUN);
  }

  private static EmailMember recorded(String status, Instant statusAt, Instant syncedAt) {
    return new EmailMember("mailchimp", "L1", 7, "old@example.com", "hash-old", status, statusAt,
        BEGUN.minusSeconds(3600), syncedAt);
  }

  @Test
  void aRowRecordedBeforeTheRequestBeganIsReplacedByTheAnswer() {
    EmailMember answer = answer("subscribed", BEGUN.plusSeconds(1));
    assertThat(DefaultEmailMemberRegistry.reconcile(
        recorded("unsubscribed", BEGUN.minusSeconds(10), BEGUN.minusSeconds(5)), answer)).isEqualTo(answer);
  }

  @Test
  void aNewerStatusReportedWhileTheRequestWasInFlightStandsAndTheRestOfTheAnswerIsRecorded() {
    Instant firedAt = BEGUN.plusSeconds(3);
    EmailMember kept = DefaultEmailMemberRegistry.reconcile(
        recorded("cleaned", firedAt, BEGUN.plusSeconds(4)), answer("subscribed", BEGUN.plusSeconds(1)));
    assertThat(kept.status()).isEqualTo("cleaned");
    assertThat(kept.statusAt()).isEqualTo(firedAt);
    assertThat(kept.email()).isEqualTo("new@example.com");
    assertThat(kept.memberKey()).isEqualTo("hash-new");
    assertThat(kept.changedAt()).isEqualTo(BEGUN.plusSeconds(1));
    assertThat(kept.syncedAt()).isEqualTo(BEGUN.plusSeconds(4));
  }

  @Test
  void anOlderStatusDeliveredWhileTheRequestWasInFlightGivesWayToTheAnswer() {
    // a webhook fired before Mailchimp applied the request, but delivered during it
    EmailMember answer = answer("subscribed", BEGUN.plusSeconds(2));
    assertThat(DefaultEmailMemberRegistry.reconcile(
        recorded("unsubscribed", BEGUN.minusSeconds(1), BEGUN.plusSeconds(3)), answer)).isEqualTo(answer);
  }

  @Test
  void anAnswerWithoutALastChangeDoesNotOverrideAStatusReportedInFlight() {
    EmailMember kept = DefaultEmailMemberRegistry.reconcile(
        recorded("unsubscribed", BEGUN.plusSeconds(1), BEGUN.plusSeconds(2)), answer("subscribed", null));
    assertThat(kept.status()).isEqualTo("unsubscribed");
  }
}
