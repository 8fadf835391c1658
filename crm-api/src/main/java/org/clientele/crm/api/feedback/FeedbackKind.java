package org.clientele.crm.api.feedback;

/** The survey a score comes from, with its scale. */
public enum FeedbackKind {
  /** Net Promoter Score: 0 (not at all likely to recommend) to 10 (extremely likely). */
  NPS(0, 10),
  /** Customer satisfaction: 1 (very dissatisfied) to 5 (very satisfied). */
  CSAT(1, 5),
  /** Customer effort, CES 2.0: "the company made it easy", 1 (strongly disagree) to 7 (strongly agree). */
  CES(1, 7);

  private final int min;
  private final int max;

  FeedbackKind(int min, int max) {
    this.min = min;
    this.max = max;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }
}
