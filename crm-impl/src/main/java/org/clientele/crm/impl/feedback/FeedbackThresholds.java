package org.clientele.crm.impl.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clientele.crm.api.feedback.FeedbackKind;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When a score counts as negative: at or below the kind's threshold. Defaults follow the surveys' own
 * conventions: NPS detractors (0–6), CSAT dissatisfied (1–2), CES "disagree" (1–3 on the 7-point scale).
 */
@ApplicationScoped
public class FeedbackThresholds {

  @Inject
  @ConfigProperty(name = "crm.feedback.negative.nps", defaultValue = "6")
  int nps;

  @Inject
  @ConfigProperty(name = "crm.feedback.negative.csat", defaultValue = "2")
  int csat;

  @Inject
  @ConfigProperty(name = "crm.feedback.negative.ces", defaultValue = "3")
  int ces;

  public boolean isNegative(FeedbackKind kind, int score) {
    return score <= switch (kind) {
      case NPS -> nps;
      case CSAT -> csat;
      case CES -> ces;
    };
  }
}
