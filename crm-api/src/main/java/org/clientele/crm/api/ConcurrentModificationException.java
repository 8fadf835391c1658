package org.clientele.crm.api;

/** The caller's version of a resource is stale: someone else changed it first. Re-read and retry. */
public class ConcurrentModificationException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final long expectedVersion;
  private final long actualVersion;

  public ConcurrentModificationException(String resource, long expectedVersion, long actualVersion) {
    super(resource + " was modified concurrently: expected version " + expectedVersion
        + " but the stored version is " + actualVersion);
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long actualVersion() {
    return actualVersion;
  }

  @Override
  public String errorCode() {
    return "concurrent-modification";
  }
}
