package org.clientele.crm.impl.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class StoreCustomerLinkTest {

  private static final Instant APPLIED = Instant.parse("2024-06-02T10:00:00Z");

  @Test
  void aVersionAsOldAsOrOlderThanTheAppliedOneIsStale() {
    StoreCustomerLink link = new StoreCustomerLink("1", 5L, APPLIED, StoreCustomerLink.State.ACTIVE);
    assertThat(link.isNewerThan(APPLIED.minusSeconds(1))).isTrue();
    assertThat(link.isNewerThan(APPLIED)).isTrue();
    assertThat(link.isNewerThan(APPLIED.plusSeconds(1))).isFalse();
  }

  @Test
  void withoutTimestampsNothingIsStale() {
    assertThat(new StoreCustomerLink("1", 5L, null, StoreCustomerLink.State.ACTIVE).isNewerThan(APPLIED)).isFalse();
    assertThat(new StoreCustomerLink("1", 5L, APPLIED, StoreCustomerLink.State.ACTIVE).isNewerThan(null)).isFalse();
  }

  @Test
  void permanentFailuresAreFoundInsideWrappers() {
    RuntimeException wrapped = new RuntimeException(new IllegalStateException(new InvalidInputException("email",
        "must be an email address")));
    assertThat(StoreDeliveryWorker.rootCrm(wrapped)).isInstanceOf(InvalidInputException.class);
    assertThat(StoreDeliveryWorker.rootCrm(new RuntimeException(new ConflictException("x"))))
        .isInstanceOf(ConflictException.class);
    RuntimeException other = new RuntimeException("db down");
    assertThat(StoreDeliveryWorker.rootCrm(other)).isSameAs(other);
  }
}
