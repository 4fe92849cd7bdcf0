package com.xentree.adminstats.config;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** This service's entry in the OpenAPI document; how callers authenticate is the foundation's {@code ApiSecurity}. */
@OpenAPIDefinition(info = @Info(title = "Xentree admin-stats-service", version = "1.0.0",
        description = "Organizations, teams, members and the admin dashboards (engagement, progress, impact)."))
public class OpenApiConfig extends Application {
}
