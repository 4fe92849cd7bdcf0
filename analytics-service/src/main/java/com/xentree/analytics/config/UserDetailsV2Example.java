package com.xentree.analytics.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;

/**
 * The example of the user-details document (seeds/002) on the v2 details' 200 answer: the contract
 * that answer matches key for key (UserDetailsV2Test compares the two). It is kept as the JSON it
 * is, in {@code openapi/user-details-v2-example.json}, and set at build time.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class UserDetailsV2Example implements OASFilter {

    static final String PATH = "/api/v2/analytics/users/details";
    static final String DOCUMENT = "openapi/user-details-v2-example.json";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(PATH);
        if (item == null || item.getGET() == null || item.getGET().getResponses().getAPIResponse("200") == null) {
            return;
        }
        MediaType json = item.getGET().getResponses().getAPIResponse("200").getContent().getMediaType("application/json");
        json.addExample("document", OASFactory.createExample().summary("The example of the user-details document").value(document()));
    }

    private static Map<?, ?> document() {
        try (InputStream in = UserDetailsV2Example.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing");
            }
            return new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
