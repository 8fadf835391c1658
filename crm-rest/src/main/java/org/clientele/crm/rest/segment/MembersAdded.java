package org.clientele.crm.rest.segment;

import java.util.List;

/** The customers who entered a static segment; the others were members already. */
public record MembersAdded(List<Long> entered) {

  public MembersAdded {
    entered = List.copyOf(entered);
  }
}
