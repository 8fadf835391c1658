package org.clientele.crm.impl.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarEmailsTest {

  @Test
  void distanceCountsOneEditForEachTypo() {
    assertThat(SimilarEmails.distance("john", "jon")).isEqualTo(1);
    assertThat(SimilarEmails.distance("john", "jhon")).as("transposition").isEqualTo(1);
    assertThat(SimilarEmails.distance("john", "joan")).isEqualTo(1);
    assertThat(SimilarEmails.distance("john", "mary")).isEqualTo(4);
    assertThat(SimilarEmails.distance("a", "abcdef")).isGreaterThan(2);
  }

  @Test
  void typosAtTheSameDomainPairUpAnywhereInTheLocalPart() {
    List<SimilarEmails.Address> addresses = List.of(
        new SimilarEmails.Address(1, "jonathan.smith@mail.example"),
        new SimilarEmails.Address(2, "jonathon.smith@mail.example"),   // typo in the middle
        new SimilarEmails.Address(3, "xonathan.smith@mail.example"),   // typo in the first letter
        new SimilarEmails.Address(4, "jonathan.smith@other.example"),  // other domain: another rule's job
        new SimilarEmails.Address(5, "anna@mail.example"),
        new SimilarEmails.Address(6, "anne@mail.example"));
    // 2 and 3 differ by two edits: not a typo of each other
    assertThat(SimilarEmails.pairs(addresses))
        .containsExactlyInAnyOrder(List.of(1L, 2L), List.of(1L, 3L), List.of(5L, 6L));
  }

  @Test
  void twoEditsAreNotATypo() {
    assertThat(SimilarEmails.pairs(List.of(new SimilarEmails.Address(1, "abcd@x.example"),
        new SimilarEmails.Address(2, "abxy@x.example")))).isEmpty();
  }

  @Test
  void aTypoIsFoundAmongManyNeighboursInBothSortOrders() {
    List<SimilarEmails.Address> addresses = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      addresses.add(new SimilarEmails.Address(i, "user" + (100_000 + i * 7) + "@shop.example"));
    }
    addresses.add(new SimilarEmails.Address(5000, "usre" + (100_000 + 350 * 7) + "@shop.example"));
    assertThat(SimilarEmails.pairs(addresses)).contains(List.of(350L, 5000L));
  }
}
