package org.clientele.crm.camel.support;

import org.apache.camel.Exchange;

/**
 * The correlation id follows one message across routes, log lines and outbound calls. An inbound
 * message keeps the id its sender gave it; otherwise the first route assigns the exchange id.
 */
public final class CorrelationIds {

  /** Header (and outbound HTTP header) carrying the correlation id. */
  public static final String HEADER = "CrmCorrelationId";

  private CorrelationIds() {}

  /** Gives the exchange a correlation id unless it already carries one; returns it. */
  public static String ensure(Exchange exchange) {
    String id = exchange.getMessage().getHeader(HEADER, String.class);
    if (id == null || id.isBlank()) {
      id = exchange.getExchangeId();
      exchange.getMessage().setHeader(HEADER, id);
    }
    return id;
  }
}
