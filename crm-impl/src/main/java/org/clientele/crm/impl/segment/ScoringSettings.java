package org.clientele.crm.impl.segment;

/**
 * How {@link RfmScorer} scores customers.
 *
 * @param currency the currency whose purchases make up the monetary value (other currencies are not converted
 *     and add nothing); null: the most frequent currency of counted purchases
 * @param lookbackDays only purchases of the last so many days count for R, F and M; null: all history
 * @param engagementWindowDays interactions older than this add nothing to engagement
 * @param engagementFrequencyCap this many engaging interactions in the window give the full frequency part
 * @param recencyWeight weight of the recency part of engagement (1 for an interaction at the evaluation
 *     time, falling linearly to 0 at the window's start)
 * @param frequencyWeight weight of the frequency part (interactions in the window / cap, at most 1)
 */
public record ScoringSettings(String currency, Integer lookbackDays, int engagementWindowDays,
    int engagementFrequencyCap, double recencyWeight, double frequencyWeight) {

  public ScoringSettings {
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
    }
    if (lookbackDays != null && (lookbackDays < 1 || lookbackDays > 36500)) {
      throw new IllegalArgumentException("lookbackDays must be 1 to 36500: " + lookbackDays);
    }
    if (engagementWindowDays < 1 || engagementWindowDays > 3650) {
      throw new IllegalArgumentException("engagementWindowDays must be 1 to 3650: " + engagementWindowDays);
    }
    if (engagementFrequencyCap < 1) {
      throw new IllegalArgumentException("engagementFrequencyCap must be at least 1: " + engagementFrequencyCap);
    }
    if (!(recencyWeight >= 0) || !(frequencyWeight >= 0) || !(recencyWeight + frequencyWeight > 0)
        || Double.isInfinite(recencyWeight + frequencyWeight)) {
      throw new IllegalArgumentException("engagement weights must be finite, non-negative and not both 0");
    }
  }

  /** The defaults: most frequent currency, all history, 90 days, 10 interactions, equal weights. */
  public static ScoringSettings defaults() {
    return new ScoringSettings(null, null, 90, 10, 1, 1);
  }
}
