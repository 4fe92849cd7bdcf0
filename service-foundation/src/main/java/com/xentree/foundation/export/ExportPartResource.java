package com.xentree.foundation.export;

import com.xentree.foundation.export.JsonExport.Section;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A service's part of the caller's data export, as an endpoint of its own: everything the service
 * holds about the caller, streamed. profile-service puts the parts into the one document of
 * {@code GET /api/v1/users/me/export}. A service's resource gives the path and its sections, and says
 * what they hold in the description of its "Data export" tag.
 */
public abstract class ExportPartResource {

    // public: the resources live in the services' packages, and ArC sets a superclass's package-private
    // field from another package only by reflection
    @Inject
    public JsonExport export;
    @Inject
    public SecurityIdentity identity;

    /** This service's sections, in the order they are written. */
    protected abstract List<Section> sections();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Export what this service holds about me",
            description = "One JSON object, streamed: user_id, then this service's sections (see the tag). Each entry is a stored row: "
                    + "its keys are the columns (snake_case), instants in RFC 3339 UTC, dates as YYYY-MM-DD; a single section is "
                    + "null when empty.")
    @APIResponse(responseCode = "200", description = "The caller's data held by this service.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    public StreamingOutput export() {
        return export.document(identity.getPrincipal().getName(), sections());
    }
}
