package org.clientele.crm.impl.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.net.IDN;
import java.text.Normalizer;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.clientele.crm.api.FieldViolation;

/**
 * Turns raw input into the canonical form the CRM stores and matches on, or explains why it cannot.
 * Nothing is silently dropped or truncated: a value is either stored normalized or rejected with a
 * violation naming the field.
 *
 * <ul>
 *   <li>text: Unicode NFC, trimmed, no control characters; blank becomes absent;
 *   <li>email: trimmed, lower-cased, the domain in its ASCII (IDNA) form;
 *   <li>phone: E.164, parsed with libphonenumber; national numbers need a configured default region;
 *   <li>country: ISO 3166-1 alpha-2, upper case; language: a well-formed BCP 47 tag.
 * </ul>
 */
public final class InputNormalizer {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\t]]");
  /** Local part: RFC 5322 atext, dots between atoms, and Unicode letters and digits (SMTPUTF8). */
  private static final Pattern LOCAL_PART =
      Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private final String defaultRegion;

  /** @param defaultRegion ISO country whose national phone format is accepted, or {@code null} */
  public InputNormalizer(String defaultRegion) {
    this.defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.toUpperCase(Locale.ROOT);
  }

  /** Text in NFC, trimmed; {@code null} when blank. */
  public String text(String field, String value, int maxLength, List<FieldViolation> violations) {
    if (value == null) {
      return null;
    }
    String normalized = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    if (normalized.isEmpty()) {
      return null;
    }
    if (CONTROL.matcher(normalized).find()) {
      violations.add(new FieldViolation(field, "must not contain control characters"));
      return null;
    }
    if (normalized.codePointCount(0, normalized.length()) > maxLength) {
      violations.add(new FieldViolation(field, "must be at most " + maxLength + " characters"));
      return null;
    }
    return normalized;
  }

  public String email(String field, String value, List<FieldViolation> violations) {
    String text = text(field, value, 320, violations);
    if (text == null) {
      return null;
    }
    int at = text.lastIndexOf('@');
    if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
      violations.add(new FieldViolation(field, "must be a valid email address"));
      return null;
    }
    String local = text.substring(0, at).toLowerCase(Locale.ROOT);
    String domain;
    try {
      domain = IDN.toASCII(text.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(field, "must be a valid email address (the domain is not valid)"));
      return null;
    }
    if (local.length() > 64 || !LOCAL_PART.matcher(local).matches() || !validDomain(domain)) {
      violations.add(new FieldViolation(field, "must be a valid email address"));
      return null;
    }
    String email = local + "@" + domain;
    if (email.length() > 254) {
      violations.add(new FieldViolation(field, "must be at most 254 characters as an address"));
      return null;
    }
    return email;
  }

  private static boolean validDomain(String domain) {
    if (domain.length() > 253 || domain.endsWith(".")) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (!DOMAIN_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  public String phone(String field, String value, List<FieldViolation> violations) {
    String text = text(field, value, 40, violations);
    if (text == null) {
      return null;
    }
    try {
      PhoneNumber number = PHONES.parse(text, defaultRegion == null ? "ZZ" : defaultRegion);
      if (!PHONES.isValidNumber(number)) {
        violations.add(new FieldViolation(field, "must be a valid phone number"));
        return null;
      }
      return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      violations.add(new FieldViolation(field, defaultRegion == null
          ? "must be a valid phone number in international format, e.g. +49 30 1234567"
          : "must be a valid phone number, international or national for " + defaultRegion));
      return null;
    }
  }

  /** The start of an E.164 number for prefix search: '+' and digits only. */
  public String phonePrefix(String field, String value, List<FieldViolation> violations) {
    String text = text(field, value, 40, violations);
    if (text == null) {
      return null;
    }
    String digits = text.replaceAll("[\\s().-]", "");
    if (!digits.matches("\\+[0-9]{1,15}")) {
      violations.add(new FieldViolation(field, "must start with + followed by digits, e.g. +4930"));
      return null;
    }
    return digits;
  }

  public String country(String field, String value, List<FieldViolation> violations) {
    String text = text(field, value, 2, violations);
    if (text == null) {
      return null;
    }
    String upper = text.toUpperCase(Locale.ROOT);
    if (!COUNTRIES.contains(upper)) {
      violations.add(new FieldViolation(field, "must be an ISO 3166-1 alpha-2 country code, e.g. DE"));
      return null;
    }
    return upper;
  }

  public String language(String field, String value, List<FieldViolation> violations) {
    String text = text(field, value, 35, violations);
    if (text == null) {
      return null;
    }
    try {
      Locale locale = new Locale.Builder().setLanguageTag(text).build();
      return locale.toLanguageTag();
    } catch (IllformedLocaleException e) {
      violations.add(new FieldViolation(field, "must be a BCP 47 language tag, e.g. de-DE"));
      return null;
    }
  }
}
