package org.clientele.crm.api.customer;

import java.util.List;

/**
 * One page of a search.
 *
 * @param total how many customers match in all
 */
public record CustomerPage(List<CustomerSummary> items, long total, int offset, int limit) {

  public CustomerPage {
    items = List.copyOf(items);
  }
}
