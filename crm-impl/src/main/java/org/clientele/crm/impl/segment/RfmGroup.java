package org.clientele.crm.impl.segment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The named RFM groups: the common recency × frequency segment map (champions, loyal customers, potential
 * loyalists, new customers, promising, need attention, about to sleep, at risk, can't lose them,
 * hibernating, lost) reduced to seven groups that partition the 5 × 5 grid of recency and frequency scores.
 * Monetary does not take part, as in that map. Customers without scores belong to no group.
 */
public enum RfmGroup {
  /** Bought very recently and often. */
  CHAMPIONS("champions", new Box(5, 5, 4, 5)),
  /** Buy often, fairly recently. */
  LOYAL("loyal", new Box(3, 4, 4, 5)),
  /** Recent, a few purchases (the map's potential loyalists and promising). */
  POTENTIAL_LOYALISTS("potentialLoyalists", new Box(4, 5, 2, 3), new Box(4, 4, 1, 1)),
  /** Bought very recently, once. */
  NEW_CUSTOMERS("newCustomers", new Box(5, 5, 1, 1)),
  /** Middling recency, not frequent (the map's need attention and about to sleep). */
  NEEDS_ATTENTION("needsAttention", new Box(3, 3, 1, 3)),
  /** Used to buy often, not for a long time (the map's at risk and can't lose them). */
  AT_RISK("atRisk", new Box(1, 2, 3, 5)),
  /** Long gone, few purchases (the map's hibernating and lost). */
  LOST("lost", new Box(1, 2, 1, 2));

  /** Inclusive ranges of recency and frequency scores. */
  public record Box(int recencyFrom, int recencyTo, int frequencyFrom, int frequencyTo) {

    public boolean contains(int recency, int frequency) {
      return recency >= recencyFrom && recency <= recencyTo && frequency >= frequencyFrom && frequency <= frequencyTo;
    }
  }

  private final String key;
  private final List<Box> boxes;

  RfmGroup(String key, Box... boxes) {
    this.key = key;
    this.boxes = List.of(boxes);
  }

  /** The name rules use, e.g. {@code champions}. */
  public String key() {
    return key;
  }

  /** The score ranges, any of which places a customer in the group. */
  public List<Box> boxes() {
    return boxes;
  }

  public static Optional<RfmGroup> of(String key) {
    return Arrays.stream(values()).filter(g -> g.key.equals(key)).findFirst();
  }

  /** The group of these scores; every pair of scores 1–5 has exactly one. */
  public static RfmGroup of(int recency, int frequency) {
    return Arrays.stream(values()).filter(g -> g.boxes.stream().anyMatch(b -> b.contains(recency, frequency)))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("Scores out of range: " + recency + ", " + frequency));
  }
}
