package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.clientele.crm.api.analytics.AnalyticsService;
import org.clientele.crm.api.analytics.CustomerValue;
import org.clientele.crm.api.analytics.KpiReport;
import org.clientele.crm.api.analytics.PredictionRun;
import org.clientele.crm.api.analytics.PredictionSettings;

/** {@code java:global/clientele/crm-ejb/AnalyticsServiceBean!org.clientele.crm.api.analytics.AnalyticsService} */
@Stateless
@Local(AnalyticsService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AnalyticsServiceBean implements AnalyticsService {

  @Inject AnalyticsService delegate;

  @Override
  public KpiReport kpis(Instant from, Instant to) {
    return delegate.kpis(from, to);
  }

  @Override
  public CustomerValue customerValue(long customerId, Instant asOf) {
    return delegate.customerValue(customerId, asOf);
  }

  /** A fit may take minutes on a large base: it runs outside the caller's transaction. */
  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public PredictionRun runPredictions(PredictionSettings settings) {
    return delegate.runPredictions(settings);
  }

  @Override
  public Optional<PredictionRun> latestRun() {
    return delegate.latestRun();
  }
}
