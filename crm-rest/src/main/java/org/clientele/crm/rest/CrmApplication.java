package org.clientele.crm.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The REST API, under {@code /crm/api}. Authentication is the server's (Basic in development, JWT in production). */
@ApplicationPath("/api")
@DeclareRoles({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
@OpenAPIDefinition(
    info = @Info(
        title = "Clientele CRM API",
        version = "0.1",
        description = "Customers, interactions and segments of the embedded Clientele CRM. Errors are "
            + "RFC 9457 application/problem+json documents with a stable type per error.",
        license = @License(name = "Apache-2.0")),
    security = {@SecurityRequirement(name = "jwt"), @SecurityRequirement(name = "basic")})
@SecuritySchemes({
  @SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer",
      bearerFormat = "JWT", description = "MicroProfile JWT; roles from the groups claim (production)."),
  @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
      description = "HTTP Basic against the server's user registry (development identity).")
})
public class CrmApplication extends Application {}
