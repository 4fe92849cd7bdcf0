package com.xentree.adminstats.rest;

import com.xentree.adminstats.MemberStatus;
import com.xentree.adminstats.rest.DashboardDtos.DashboardResponse;
import com.xentree.adminstats.rest.DashboardDtos.UserDetailResponse;
import com.xentree.adminstats.service.DashboardAnswers;
import com.xentree.adminstats.service.DashboardService;
import com.xentree.foundation.reads.RenderedReads;
import com.xentree.foundation.rest.QueryValues;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Admin Stats & Members")
public class DashboardResource extends AdminResource {

    @Inject
    DashboardService dashboards;

    @GET
    @Path("/")
    @Operation(summary = "Engagement dashboard",
            description = "KPI cards, pulse heatmap, trend, activity distribution, retention cohorts, member activity and directory. "
                    + "Dates are YYYY-MM-DD; default the 30 days ending today; at most 366 days. Owners and admins of the organization. "
                    + AdminQuery.POPULATION + " " + MemberStatus.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The dashboard; ETag, and 304 for a matching If-None-Match.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DashboardResponse.class)))
    public Response dashboard(@BeanParam AdminQuery q, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) throws SQLException {
        DashboardAnswers.Answer answer = dashboards.rendered(identity, org(q.organizationId), QueryValues.uuid("team_id", q.teamId),
                QueryValues.date("start_date", q.startDate), QueryValues.date("end_date", q.endDate));
        return RenderedReads.response(answer.body(), answer.tag(), ifNoneMatch);
    }

    @GET
    @Path("/members/{user_id}")
    @Operation(summary = "Engagement member detail", description = "One member's KPIs, pulse, trend, sessions, affiliations and status. "
            + MemberStatus.DESCRIPTION)
    public UserDetailResponse member(@PathParam("user_id") String userId, @QueryParam("organization_id") String organizationId,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate) {
        return dashboards.member(identity, org(organizationId), userId,
                QueryValues.date("start_date", startDate), QueryValues.date("end_date", endDate));
    }
}
