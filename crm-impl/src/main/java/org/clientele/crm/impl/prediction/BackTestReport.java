package org.clientele.crm.impl.prediction;

/**
 * Predicted against actual holdout purchases (see {@link BackTest}).
 *
 * @param customers customers compared
 * @param holdoutLength length of the holdout period, in the histories' time unit
 * @param meanAbsoluteError mean over customers of |predicted − actual| purchases
 * @param totalPredicted sum of the predictions
 * @param totalActual sum of the actual holdout purchases
 * @param baselineMeanAbsoluteError the same error for the naïve forecast x/T · holdout length (each customer keeps
 *     their calibration rate, nobody drops out)
 * @param baselineTotalPredicted sum of the naïve forecasts
 */
public record BackTestReport(int customers, double holdoutLength, double meanAbsoluteError, double totalPredicted,
    long totalActual, double baselineMeanAbsoluteError, double baselineTotalPredicted) {

  /** Whether the model's per-customer error is below the naïve baseline's. */
  public boolean beatsBaseline() {
    return meanAbsoluteError < baselineMeanAbsoluteError;
  }
}
