package com.xentree.adminstats.rest;

import com.xentree.adminstats.Membership;
import com.xentree.adminstats.Organization;
import com.xentree.adminstats.Team;
import com.xentree.adminstats.mapping.OrganizationMapper;
import com.xentree.adminstats.rest.OrganizationDtos.MemberAddRequest;
import com.xentree.adminstats.rest.OrganizationDtos.MemberResponse;
import com.xentree.adminstats.rest.OrganizationDtos.MemberRoleRequest;
import com.xentree.adminstats.rest.OrganizationDtos.MemberUpdateRequest;
import com.xentree.adminstats.rest.OrganizationDtos.OrganizationCreateRequest;
import com.xentree.adminstats.rest.OrganizationDtos.OrganizationResponse;
import com.xentree.adminstats.rest.OrganizationDtos.OrganizationUpdateRequest;
import com.xentree.adminstats.rest.OrganizationDtos.TeamCreateRequest;
import com.xentree.adminstats.rest.OrganizationDtos.TeamResponse;
import com.xentree.adminstats.service.OrganizationService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Organizations")
public class OrganizationResource {

    @Inject
    OrganizationService organizations;
    @Inject
    SecurityIdentity identity;

    private String me() {
        return identity.getPrincipal().getName();
    }

    private String myRole(UUID organizationId) {
        return Membership.of(organizationId, me()).map(m -> m.role).orElse(null);
    }

    @GET
    @Operation(summary = "List organizations for the current user")
    public List<OrganizationResponse> list() {
        return organizations.mine(me()).stream().map(o -> OrganizationMapper.toResponse(o, myRole(o.id))).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an organization", description = "The caller becomes its owner. 409 when the slug is taken.")
    public Response create(@Valid @NotNull OrganizationCreateRequest request) {
        Organization o = organizations.create(me(), request);
        return Response.status(201).entity(OrganizationMapper.toResponse(o, Membership.OWNER)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get organization details", description = "Members only; everyone else gets 403, whether or not it exists.")
    public OrganizationResponse get(@PathParam("id") UUID id) {
        OrganizationService.access(identity, id, false);
        return OrganizationMapper.toResponse(OrganizationService.organization(id), myRole(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update organization details", description = "Owners and admins.")
    public OrganizationResponse update(@PathParam("id") UUID id, @Valid @NotNull OrganizationUpdateRequest request) {
        return OrganizationMapper.toResponse(organizations.update(identity, id, request), myRole(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an organization", description = "Owners only; every membership is withdrawn.")
    public Response delete(@PathParam("id") UUID id) {
        organizations.delete(identity, id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/teams")
    @Operation(summary = "List teams")
    public List<TeamResponse> teams(@PathParam("id") UUID id) {
        OrganizationService.access(identity, id, false);
        OrganizationService.organization(id);
        return Team.of(id).stream().map(OrganizationMapper::toResponse).toList();
    }

    @POST
    @Path("/{id}/teams")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a team", description = "Owners and admins; team names are unique in the organization.")
    public Response createTeam(@PathParam("id") UUID id, @Valid @NotNull TeamCreateRequest request) {
        return Response.status(201).entity(OrganizationMapper.toResponse(organizations.createTeam(identity, id, request.name()))).build();
    }

    @GET
    @Path("/{id}/members")
    @Operation(summary = "List organization members", description = "Owners and admins.")
    public List<MemberResponse> members(@PathParam("id") UUID id) {
        OrganizationService.access(identity, id, true);
        OrganizationService.organization(id);
        return OrganizationMapper.toResponses(Membership.ofOrganization(id));
    }

    @POST
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a member to an organization", description = "Owners and admins; only owners add owners. 409 if already a "
            + "member. The member joins now, or at joined_at (a back-dated join, for imports: platform admins and callers with the "
            + "users:write or orgs:write scope; 403 for others; 422 when in the future or before the user is known on the platform). "
            + "The join date counts only for total members, new members and retention cohorts: admin figures sum every current "
            + "member's activity whatever their join date.")
    public Response addMember(@PathParam("id") UUID id, @Valid @NotNull MemberAddRequest request) {
        return Response.status(201).entity(OrganizationMapper.toResponses(List.of(organizations.addMember(identity, id, request))).get(0))
                .build();
    }

    @PATCH
    @Path("/{id}/members/{user_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a member's role", description = "Owners and admins; ownership changes need an owner; the last owner stays.")
    public MemberResponse changeRole(@PathParam("id") UUID id, @PathParam("user_id") String userId, @Valid @NotNull MemberRoleRequest request) {
        return OrganizationMapper.toResponses(List.of(organizations.changeRole(identity, id, userId, request.role()))).get(0);
    }

    @PUT
    @Path("/{id}/members/{user_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comprehensive member update (role, organization, team)",
            description = "Sets role and team (null: no team); a different organization_id moves the member (the caller administers both).")
    public MemberResponse update(@PathParam("id") UUID id, @PathParam("user_id") String userId, @Valid @NotNull MemberUpdateRequest request) {
        return OrganizationMapper.toResponses(List.of(organizations.update(identity, id, userId, request))).get(0);
    }

    @DELETE
    @Path("/{id}/members/{user_id}")
    @Operation(summary = "Remove a member from an organization", description = "Owners and admins, or the member leaving; the last owner stays.")
    public Response removeMember(@PathParam("id") UUID id, @PathParam("user_id") String userId) {
        organizations.removeMember(identity, id, userId);
        return Response.noContent().build();
    }
}
