package org.clientele.crm.api.integration;

import java.util.List;

/** @param nextAfterId pass as {@code afterId} for the next page; null on the last page */
public record DeadLetterPage(List<DeadLetter> items, Long nextAfterId) {

  public DeadLetterPage {
    items = List.copyOf(items);
  }
}
