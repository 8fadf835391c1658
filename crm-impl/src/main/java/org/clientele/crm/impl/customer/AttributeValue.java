package org.clientele.crm.impl.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A custom attribute value: canonical text plus a typed copy that SQL can compare. */
@Embeddable
public class AttributeValue {

  @Column(name = "value_text", nullable = false, length = 500)
  private String text;

  @Column(name = "value_number", precision = 30, scale = 10)
  private BigDecimal number;

  @Column(name = "value_date")
  private LocalDate date;

  @Column(name = "value_boolean")
  private Boolean bool;

  protected AttributeValue() {}

  AttributeValue(String text, BigDecimal number, LocalDate date, Boolean bool) {
    this.text = text;
    this.number = number;
    this.date = date;
    this.bool = bool;
  }

  public String text() {
    return text;
  }

  BigDecimal number() {
    return number;
  }

  LocalDate date() {
    return date;
  }

  Boolean bool() {
    return bool;
  }

  CustomerSnapshot.Attribute snapshot(String key) {
    return new CustomerSnapshot.Attribute(key, text, number, date, bool);
  }

  static AttributeValue of(CustomerSnapshot.Attribute a) {
    return new AttributeValue(a.text(), a.number(), a.date(), a.bool());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeValue other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }
}
