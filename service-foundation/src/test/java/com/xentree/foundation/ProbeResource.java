package com.xentree.foundation;

import com.xentree.foundation.rest.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.util.UUID;

/** Endpoints whose parameters and bodies exercise the error mapping the way the services' resources do. */
@Path("/probe")
public class ProbeResource {

    public record Named(@NotBlank String displayName, @Positive int size) {
    }

    @GET
    @Path("/{id}")
    public String get(@PathParam("id") UUID id, @QueryParam("size") Integer size, @QueryParam("day") LocalDate day,
            @HeaderParam("X-Limit") Long limit) {
        if (size != null && size < 0) {
            throw new ApiException(422, "size: must not be negative");
        }
        return id + " " + size + " " + day + " " + limit;
    }

    @POST
    public Named post(@Valid Named body) {
        return body;
    }
}
