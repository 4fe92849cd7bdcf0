package com.xentree.analytics.rest;

import com.xentree.analytics.service.ActivityIngestionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Tag(name = "Activity ingestion")
public class EventIngestionResource {

    @Inject
    ActivityIngestionService ingestion;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("events:write")
    @Operation(summary = "Report learning activities",
            description = "Validates a batch of 1-1000 learning.activity.v1 events and publishes all of them, keyed by user id, "
                    + "or none (422 with per-item errors). Events without time_zone get the user's zone. Re-sending a batch is safe: "
                    + "every consumer applies an event_id once.")
    public Response ingest(EventBatch batch) {
        return Response.accepted(ingestion.ingest(batch == null ? null : batch.events())).build();
    }
}
