package org.clientele.crm.impl.customer;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clientele.crm.api.customer.ConsentDecision;

/**
 * Which consent decision is in force: the one the customer made most recently. When two decisions carry
 * the same instant, a refusal wins, so that an opt-out is never overridden by an opt-in of equal age.
 */
final class ConsentPrecedence {

  /** Greatest first: newest, then refusal before anything else. */
  static final Comparator<ConsentDecision> IN_FORCE_FIRST = Comparator
      .comparing(ConsentDecision::decidedAt)
      .thenComparing(d -> d.status().refuses())
      .reversed();

  private ConsentPrecedence() {}

  static Optional<ConsentDecision> inForce(Collection<ConsentDecision> decisions) {
    return decisions.stream().min(IN_FORCE_FIRST);
  }

  /** The decision in force for every channel and purpose that has one. */
  static List<ConsentDecision> inForcePerChannelAndPurpose(Collection<ConsentDecision> decisions) {
    Map<String, ConsentDecision> current = new LinkedHashMap<>();
    decisions.stream().sorted(IN_FORCE_FIRST)
        .forEach(d -> current.putIfAbsent(d.channel() + "/" + d.purpose(), d));
    return current.values().stream()
        .sorted(Comparator.comparing(ConsentDecision::channel).thenComparing(ConsentDecision::purpose))
        .toList();
  }
}
