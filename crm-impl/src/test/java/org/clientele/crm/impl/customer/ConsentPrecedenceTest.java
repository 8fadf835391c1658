package org.clientele.crm.impl.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;
import org.junit.jupiter.api.Test;

class ConsentPrecedenceTest {

  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  @Test
  void mostRecentDecisionIsInForceWhateverTheArrivalOrder() {
    ConsentDecision optOut = email(ConsentStatus.WITHDRAWN, T0.plusSeconds(60));
    ConsentDecision olderOptIn = email(ConsentStatus.GRANTED, T0);

    assertThat(ConsentPrecedence.inForce(List.of(optOut, olderOptIn))).contains(optOut);
    assertThat(ConsentPrecedence.inForce(List.of(olderOptIn, optOut))).contains(optOut);
  }

  @Test
  void refusalWinsOverAGrantOfTheSameInstant() {
    ConsentDecision granted = email(ConsentStatus.GRANTED, T0);
    ConsentDecision denied = email(ConsentStatus.DENIED, T0);

    assertThat(ConsentPrecedence.inForce(List.of(granted, denied))).contains(denied);
    assertThat(ConsentPrecedence.inForce(List.of(denied, granted))).contains(denied);
  }

  @Test
  void newerOptInAfterAnOptOutIsInForce() {
    ConsentDecision optOut = email(ConsentStatus.WITHDRAWN, T0);
    ConsentDecision newerOptIn = email(ConsentStatus.GRANTED, T0.plusSeconds(3600));

    assertThat(ConsentPrecedence.inForce(List.of(optOut, newerOptIn))).contains(newerOptIn);
  }

  @Test
  void oneDecisionInForcePerChannelAndPurpose() {
    var sms = new ConsentDecision(ConsentChannel.SMS, ConsentPurpose.MARKETING, ConsentStatus.GRANTED, "x", T0, null);
    var emailOld = email(ConsentStatus.GRANTED, T0);
    var emailNew = email(ConsentStatus.DENIED, T0.plusSeconds(1));

    assertThat(ConsentPrecedence.inForcePerChannelAndPurpose(List.of(sms, emailOld, emailNew)))
        .containsExactly(emailNew, sms);
  }

  private static ConsentDecision email(ConsentStatus status, Instant at) {
    return new ConsentDecision(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, status, "test", at, null);
  }
}
