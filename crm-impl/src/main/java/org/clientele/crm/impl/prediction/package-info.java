/** Explainable, published customer-base models (BG/NBD, Gamma-Gamma) fitted on purchase histories. */
package org.clientele.crm.impl.prediction;
