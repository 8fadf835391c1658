package org.clientele.crm.rest.email;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.email.EngagementImportService;
import org.clientele.crm.api.email.EngagementImportStatus;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Mailchimp engagement import of the configured audience: its state and checkpoints, and a run on demand.
 * 404 unless {@code crm.email.mailchimp.enabled} and {@code engagement.enabled} are set.
 */
@Path("/email/mailchimp/engagement-import")
@RequestScoped
@Tag(name = "Email", description = "Email-marketing platform sync")
@Produces(MediaType.APPLICATION_JSON)
public class EmailEngagementResource {

  static final String PLATFORM = "mailchimp";
  private static final String PREFIX = "crm.email.mailchimp.";

  @Inject EngagementImportService imports;

  @Inject Config config;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "The engagement import's last run (outcome, counts), totals, pending request and the"
      + " campaigns' checkpoints")
  public EngagementImportStatus status() {
    return imports.status(PLATFORM, audience());
  }

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Run the engagement import now (within seconds: the import's next check), whatever its"
      + " period; 202 with the state")
  public Response run() {
    return Response.accepted(imports.requestRun(PLATFORM, audience())).build();
  }

  private String audience() {
    boolean enabled = config.getOptionalValue(PREFIX + "enabled", Boolean.class).orElse(false)
        && config.getOptionalValue(PREFIX + "engagement.enabled", Boolean.class).orElse(true);
    return config.getOptionalValue(PREFIX + "list-id", String.class).filter(s -> enabled && !s.isBlank())
        .orElseThrow(() -> new ResourceNotFoundException("Engagement import", PLATFORM));
  }
}
