package org.clientele.crm.api.purchase;

import java.util.List;

/**
 * @param nextCursor where the next page starts, or {@code null} on the last page
 */
public record PurchasePage(List<Purchase> items, String nextCursor) {

  public PurchasePage {
    items = List.copyOf(items);
  }
}
