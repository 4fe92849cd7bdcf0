package com.xentree.profile.config;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** This service's entry in the OpenAPI document; how callers authenticate is the foundation's {@code ApiSecurity}. */
@OpenAPIDefinition(info = @Info(title = "Xentree profile-service", version = "1.0.0",
        description = "Users, XP ledger, levels, public profiles, XP boosts, API keys."))
public class OpenApiConfig extends Application {
}
