package org.clientele.crm.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

  @Test
  void everyCrmErrorCodeHasAProblemType() {
    assertThat(ProblemType.ofCode(new ResourceNotFoundException("Customer", 1).errorCode()))
        .contains(ProblemType.NOT_FOUND);
    assertThat(ProblemType.ofCode(new ConflictException("x").errorCode())).contains(ProblemType.CONFLICT);
    assertThat(ProblemType.ofCode(new ConcurrentModificationException("Customer 1", 1, 2).errorCode()))
        .contains(ProblemType.CONCURRENT_MODIFICATION);
    assertThat(ProblemType.ofCode(new InvalidInputException("email", "is invalid").errorCode()))
        .contains(ProblemType.INVALID_INPUT);
  }

  @Test
  void typesAreUrnsAndCodesAreUnique() {
    assertThat(ProblemType.NOT_FOUND.uri().toString()).isEqualTo("urn:clientele:problem:not-found");
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::code)).doesNotHaveDuplicates();
  }

  @Test
  void containerStatusesMapToTheirTypes() {
    assertThat(ProblemType.ofStatus(401)).isEqualTo(ProblemType.UNAUTHENTICATED);
    assertThat(ProblemType.ofStatus(415)).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
    assertThat(ProblemType.ofStatus(418)).isEqualTo(ProblemType.HTTP_ERROR);
  }
}
