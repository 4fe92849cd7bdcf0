package com.xentree.profile.rest;

import com.xentree.profile.service.XpRebuildService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/xp")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class AdminXpResource {

    @Inject
    XpRebuildService rebuild;

    @POST
    @Path("/rebuild")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "jwt") // platform admins sign in; an API key never carries the admin role
    @Operation(summary = "Rebuild XP totals from the ledger",
            description = "Platform admins only. Recomputes per-day counts, totals and levels from the append-only ledger, "
                    + "reports how many users' totals were corrected. Idempotent; consumers pause while it runs.")
    public XpRebuildService.Result rebuild() {
        return rebuild.rebuild();
    }
}
