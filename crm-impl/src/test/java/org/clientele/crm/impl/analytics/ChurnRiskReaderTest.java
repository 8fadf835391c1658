package org.clientele.crm.impl.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChurnRiskReaderTest {

  private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void riskIsTheImprobabilityOfTheSilenceAtTheCustomersOwnCadence() {
    // 5 orders over 100 days: every 25 days; silent for 25 days -> 1 - e^-1
    Instant last = FIRST.plusSeconds(100 * 86400L);
    ChurnRiskReader.ChurnRisk risk = ChurnRiskReader.risk(1, 5, FIRST, last, last.plusSeconds(25 * 86400L));
    assertThat(risk.meanDaysBetweenPurchases()).isEqualTo(25.0);
    assertThat(risk.daysSinceLastPurchase()).isEqualTo(25);
    assertThat(risk.risk()).isCloseTo(1 - Math.exp(-1), within(1e-12));
    // the longer the silence, the higher the risk; a just-bought customer has none
    assertThat(ChurnRiskReader.risk(1, 5, FIRST, last, last.plusSeconds(75 * 86400L)).risk())
        .isCloseTo(1 - Math.exp(-3), within(1e-12));
    assertThat(ChurnRiskReader.risk(1, 5, FIRST, last, last).risk()).isZero();
  }

  @Test
  void noCadenceNoRisk() {
    assertThat(ChurnRiskReader.risk(1, 1, FIRST, FIRST, FIRST.plusSeconds(86400))).isNull();
    assertThat(ChurnRiskReader.risk(1, 2, FIRST, FIRST, FIRST.plusSeconds(86400))).as("same instant").isNull();
  }
}
