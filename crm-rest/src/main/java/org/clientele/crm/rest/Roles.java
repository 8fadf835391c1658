package org.clientele.crm.rest;

/**
 * The roles the REST API knows. A server maps them to its users or groups (or JWT {@code groups}).
 *
 * <ul>
 *   <li>{@code crm-admin}: everything, including destructive and configuration actions;
 *   <li>{@code crm-agent}: service staff reading and editing customers and interactions;
 *   <li>{@code crm-integration}: systems feeding or reading the CRM, and integration operators.
 * </ul>
 */
public final class Roles {

  public static final String ADMIN = "crm-admin";
  public static final String AGENT = "crm-agent";
  public static final String INTEGRATION = "crm-integration";

  private Roles() {}
}
