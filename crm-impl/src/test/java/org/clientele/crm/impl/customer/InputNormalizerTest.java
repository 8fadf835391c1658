package org.clientele.crm.impl.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.clientele.crm.api.FieldViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputNormalizerTest {

  private final InputNormalizer international = new InputNormalizer(null);
  private final InputNormalizer german = new InputNormalizer("DE");
  private final List<FieldViolation> violations = new ArrayList<>();

  @ParameterizedTest
  @CsvSource({
    "'  Anna.Schmidt@Example.COM ', anna.schmidt@example.com",
    "jörg@müller.example, jörg@xn--mller-kva.example",
    "first+tag@sub.example.org, first+tag@sub.example.org"
  })
  void emailsAreTrimmedLowerCasedAndTheirDomainInAscii(String raw, String expected) {
    assertThat(international.email("email", raw, violations)).isEqualTo(expected);
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plainaddress", "@example.com", "a@", "a@@example.com", "a b@example.com",
      "a..b@example.com", "a@example", "a@-example.com", "a@exa_mple.com"})
  void malformedEmailsAreRejectedWithTheField(String raw) {
    assertThat(international.email("contactPoints[0].value", raw, violations)).isNull();
    assertThat(violations).singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("contactPoints[0].value"));
  }

  @Test
  void phonesBecomeE164() {
    assertThat(international.phone("phone", "+49 (30) 1234-5678", violations)).isEqualTo("+493012345678");
    assertThat(german.phone("phone", "030 12345678", violations)).isEqualTo("+493012345678");
    assertThat(violations).isEmpty();
  }

  @Test
  void nationalPhoneWithoutDefaultRegionIsRejectedWithAHint() {
    assertThat(international.phone("phone", "030 12345678", violations)).isNull();
    assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("international format"));
  }

  @Test
  void impossiblePhoneIsRejected() {
    assertThat(international.phone("phone", "+49 1", violations)).isNull();
    assertThat(violations).hasSize(1);
  }

  @Test
  void textIsNfcNormalizedAndTrimmed() {
    String decomposed = "Jo\u0308rg"; // o + combining diaeresis
    assertThat(international.text("givenName", "  " + decomposed + " ", 200, violations)).isEqualTo("J\u00f6rg");
    assertThat(international.text("givenName", "   ", 200, violations)).isNull();
    assertThat(violations).isEmpty();
  }

  @Test
  void tooLongOrControlCharactersAreRejectedNotTruncated() {
    assertThat(international.text("givenName", "x".repeat(201), 200, violations)).isNull();
    assertThat(international.text("familyName", "a\u0000b", 200, violations)).isNull();
    assertThat(violations).extracting(FieldViolation::field).containsExactly("givenName", "familyName");
  }

  @Test
  void countriesAreIsoAlpha2() {
    assertThat(international.country("address.country", "de", violations)).isEqualTo("DE");
    assertThat(international.country("address.country", "XX", violations)).isNull();
    assertThat(violations).hasSize(1);
  }

  @Test
  void languagesAreBcp47() {
    assertThat(international.language("language", "de-de", violations)).isEqualTo("de-DE");
    assertThat(international.language("language", "not a tag", violations)).isNull();
    assertThat(violations).hasSize(1);
  }

  @Test
  void phonePrefixKeepsPlusAndDigits() {
    assertThat(international.phonePrefix("phonePrefix", "+49 30", violations)).isEqualTo("+4930");
    assertThat(international.phonePrefix("phonePrefix", "4930", violations)).isNull();
    assertThat(violations).hasSize(1);
  }
}
