package org.clientele.crm.api;

/** The addressed resource does not exist (or no longer exists, e.g. after erasure). */
public class ResourceNotFoundException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final String resourceType;
  private final String resourceId;

  public ResourceNotFoundException(String resourceType, Object resourceId) {
    super(resourceType + " " + resourceId + " does not exist");
    this.resourceType = resourceType;
    this.resourceId = String.valueOf(resourceId);
  }

  public String resourceType() {
    return resourceType;
  }

  public String resourceId() {
    return resourceId;
  }

  @Override
  public String errorCode() {
    return "not-found";
  }
}
