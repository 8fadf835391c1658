package org.clientele.crm.api.segment;

/** How a segment's members are decided. */
public enum SegmentKind {
  /** Members are the active customers its rule selects, kept current by recomputation. */
  DYNAMIC,
  /** Members are added and removed by hand or by CSV import; no rule. */
  STATIC
}
