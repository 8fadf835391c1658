package org.clientele.crm.rest.analytics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.analytics.AnalyticsService;
import org.clientele.crm.api.analytics.CustomerValue;
import org.clientele.crm.api.analytics.KpiReport;
import org.clientele.crm.api.analytics.PredictionRun;
import org.clientele.crm.api.analytics.PredictionSettings;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** KPIs over a period, a customer's value and churn risk, and the prediction runs. */
@Path("/analytics")
@RequestScoped
@Tag(name = "Analytics", description = "KPIs, customer value, churn risk and purchase predictions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

  @Inject AnalyticsService analytics;

  @GET
  @Path("/kpis")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT})
  @Operation(summary = "KPIs over [from, to): retention, repeat purchases, AOV, frequency, CLV, NPS, CSAT, CES,"
      + " first-response and resolution times; money per currency")
  public KpiReport kpis(@QueryParam("from") String from, @QueryParam("to") String to) {
    return analytics.kpis(instant("from", from, true), instant("to", to, true));
  }

  @GET
  @Path("/customers/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "A customer's historical CLV, cadence, churn risk and latest prediction")
  public CustomerValue customerValue(@PathParam("id") long id, @QueryParam("asOf") String asOf) {
    return analytics.customerValue(id, instant("asOf", asOf, false));
  }

  @POST
  @Path("/predictions/runs")
  @RolesAllowed({Roles.ADMIN})
  @Operation(summary = "Fit the purchase models now and store a prediction per customer, with a back-test",
      description = "409 when there is too little history (fewer than 30 customers with repeat orders).")
  public PredictionRun runPredictions(PredictionSettings settings) {
    return analytics.runPredictions(settings);
  }

  @GET
  @Path("/predictions/runs/latest")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "The latest prediction run: parameters, back-test error, fitting time")
  public PredictionRun latestRun() {
    return analytics.latestRun().orElseThrow(() -> new ResourceNotFoundException("Prediction run", "latest"));
  }

  private static Instant instant(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new InvalidInputException(field, "is required (an ISO instant, e.g. 2026-03-01T00:00:00Z)");
      }
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field, "must be an ISO instant, e.g. 2026-03-01T00:00:00Z");
    }
  }
}
