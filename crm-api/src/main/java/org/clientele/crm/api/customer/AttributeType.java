package org.clientele.crm.api.customer;

/** The type of a custom attribute; values are exchanged as text in that type's canonical form. */
public enum AttributeType {
  /** Any text. */
  STRING,
  /** A decimal number, e.g. {@code 12.5}. */
  NUMBER,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** An ISO date, e.g. {@code 2026-03-01}. */
  DATE
}
