package org.clientele.crm.api.customer;

import java.util.List;

/**
 * One page of a search.
 *
 * @param total how many customers match in all, counted up to the configured limit
 *     ({@code crm.customer.search.count-limit}, 10,000 by default)
 * @param totalCapped true when more customers match than {@code total}: counting stopped at the limit,
 *     which keeps broad searches on large bases fast
 */
public record CustomerPage(List<CustomerSummary> items, long total, boolean totalCapped, int offset, int limit) {

  public CustomerPage {
    items = List.copyOf(items);
  }
}
