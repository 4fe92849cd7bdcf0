package com.xentree.adminstats.rest;

import com.xentree.foundation.export.JsonExport.Section;
import com.xentree.foundation.export.JsonExport;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's part of the data export: everything admin-stats-service holds about them. profile-service
 * puts it into the one document of {@code GET /api/v1/users/me/export}; it can be read on its own too.
 */
@Path("/api/v1/organizations/me/export")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Data export")
public class ExportResource {

    static final List<Section> SECTIONS = List.of(
            Section.list("memberships", """
                    select m.organization_id, o.name as organization_name, m.role, m.team_id, t.name as team_name, m.joined_at
                      from membership m join organization o on o.id = m.organization_id left join team t on t.id = m.team_id
                     where m.user_id = ? order by m.joined_at, m.organization_id"""),
            Section.one("member_directory", "select * from member_profile where user_id = ?"),
            Section.one("last_active", "select * from member_last_active where user_id = ?"),
            Section.list("objectives_created", """
                    select id, organization_id, title, created_at from objective where created_by = ? order by created_at"""),
            Section.list("days", "select * from member_day where user_id = ? order by day"));

    @Inject
    JsonExport export;
    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "Export what admin-stats holds about me",
            description = "One JSON object, streamed: the caller's memberships (organization, role, team, join date), their entry "
                    + "in the member directory, last active day, objectives they created, and their per-day rollups. Each entry "
                    + "is a stored row: keys are the columns (snake_case), instants RFC 3339 UTC, dates YYYY-MM-DD.")
    @APIResponse(responseCode = "200", description = "The caller's organization data.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    public StreamingOutput export() {
        return export.document(identity.getPrincipal().getName(), SECTIONS);
    }
}
