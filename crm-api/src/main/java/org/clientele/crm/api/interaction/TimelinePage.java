package org.clientele.crm.api.interaction;

import java.util.List;

/**
 * @param nextCursor where the next page starts, or {@code null} on the last page
 */
public record TimelinePage(List<Interaction> items, String nextCursor) {

  public TimelinePage {
    items = List.copyOf(items);
  }
}
