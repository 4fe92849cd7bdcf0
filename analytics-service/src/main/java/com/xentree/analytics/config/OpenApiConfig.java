package com.xentree.analytics.config;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "Xentree analytics-service", version = "1.0.0",
        description = "Activity ingestion, streaks, weekly XP, learning pulse, quests, learning time, achievements."))
// besides the foundation's jwt and apiKey (ApiSecurity): the same API keys under the header the user-details document (seeds/002) uses
@SecurityScheme(securitySchemeName = "apiToken", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "x-api-token")
public class OpenApiConfig extends Application {
}
