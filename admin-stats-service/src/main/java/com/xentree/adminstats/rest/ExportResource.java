package com.xentree.adminstats.rest;

import com.xentree.foundation.export.ExportPartResource;
import com.xentree.foundation.export.JsonExport.Section;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's part of the data export: everything admin-stats-service holds about them. */
@Path("/api/v1/organizations/me/export")
@Tag(name = "Data export", description = "What admin-stats holds about the caller: their memberships (organization, role, team, join "
        + "date), their entry in the member directory, last active day, objectives they created, and their per-day rollups.")
public class ExportResource extends ExportPartResource {

    static final List<Section> SECTIONS = List.of(
            Section.list("memberships", """
                    select m.organization_id, o.name as organization_name, m.role, m.team_id, t.name as team_name, m.joined_at
                      from membership m join organization o on o.id = m.organization_id left join team t on t.id = m.team_id
                     where m.user_id = ? order by m.joined_at, m.organization_id"""),
            Section.row("member_directory", "member_profile"),
            Section.row("last_active", "member_last_active"),
            Section.list("objectives_created", """
                    select id, organization_id, title, created_at from objective where created_by = ? order by created_at"""),
            Section.rows("days", "member_day", "day"));

    @Override
    protected List<Section> sections() {
        return SECTIONS;
    }
}
