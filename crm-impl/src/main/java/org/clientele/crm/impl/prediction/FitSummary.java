package org.clientele.crm.impl.prediction;

/**
 * How a maximum-likelihood fit went, kept with the fitted model so that a prediction can be explained.
 *
 * @param customers histories the likelihood was computed on
 * @param repeatCustomers of those, customers with at least one repeat purchase
 * @param logLikelihood the maximised log-likelihood, in the time and money units of the data
 * @param evaluations likelihood evaluations used by the optimiser
 * @param converged whether the simplex met its tolerance before the evaluation budget ran out
 */
public record FitSummary(int customers, int repeatCustomers, double logLikelihood, int evaluations,
    boolean converged) {}
