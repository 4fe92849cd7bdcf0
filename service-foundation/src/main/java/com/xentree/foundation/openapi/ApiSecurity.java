package com.xentree.foundation.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The two ways every service authenticates a caller, declared once for the OpenAPI documents of all
 * three: a bearer JWT, or an API key in {@code X-API-Key}. Every operation takes either unless it says
 * otherwise: a {@code @SecurityRequirement} of its own, or an empty {@code @SecurityRequirements} where
 * it is public. Operations that need a caller document the 401 and 403 they can answer. Runs at build
 * time (Quarkus' own per-operation requirement is switched off, since it names one scheme only).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiSecurity implements OASFilter {

    public static final String JWT = "jwt";
    public static final String API_KEY = "apiKey";
    private static final Map<String, String> REFUSALS = new TreeMap<>(Map.of("401", "Not Authorized", "403", "Not Allowed"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme(JWT, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                .addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key"));
        openAPI.setSecurity(List.of(requirement(JWT), requirement(API_KEY)));
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().values().stream()
                    .map(PathItem::getOperations)
                    .flatMap(operations -> operations.values().stream())
                    .filter(ApiSecurity::needsCaller)
                    .forEach(ApiSecurity::addRefusals);
        }
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme);
    }

    /** Public operations say so with an empty list of requirements. */
    private static boolean needsCaller(Operation operation) {
        return operation.getSecurity() == null || !operation.getSecurity().isEmpty();
    }

    private static void addRefusals(Operation operation) {
        REFUSALS.forEach((code, description) -> {
            if (operation.getResponses() != null && !operation.getResponses().hasAPIResponse(code)) {
                operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description(description));
            }
        });
    }
}
