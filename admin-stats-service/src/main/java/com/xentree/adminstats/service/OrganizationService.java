package com.xentree.adminstats.service;

import com.xentree.adminstats.Membership;
import com.xentree.adminstats.Organization;
import com.xentree.adminstats.Team;
import com.xentree.adminstats.rest.OrganizationDtos.MemberAddRequest;
import com.xentree.adminstats.rest.OrganizationDtos.MemberUpdateRequest;
import com.xentree.adminstats.rest.OrganizationDtos.OrganizationCreateRequest;
import com.xentree.adminstats.rest.OrganizationDtos.OrganizationUpdateRequest;
import com.xentree.events.ApiKeys;
import com.xentree.events.OrgMembershipChanged;
import com.xentree.events.Topics;
import com.xentree.foundation.erasure.ErasureList;
import com.xentree.foundation.messaging.Outbox;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Organizations, teams and memberships. Every membership change is announced on the compacted
 * {@code org.membership.v1} (a tombstone on removal) through the outbox, in the same transaction.
 * Callers who are not members learn nothing about an organization, not even that it exists.
 */
@ApplicationScoped
public class OrganizationService {

    /** The scope of identity-provider clients that manage organizations (as users:write manages users): may date joins. */
    public static final String ORGS_WRITE = "orgs:write";
    /** No platform's history reaches further back; an earlier join is a mistake (and PostgreSQL's range ends long before). */
    static final Instant EARLIEST_JOIN = Instant.parse("1970-01-01T00:00:00Z");

    @Inject
    Outbox outbox;
    @Inject
    ErasureList erasures;
    @Inject
    Clock clock;
    @Inject
    AgroalDataSource dataSource;

    /**
     * The caller's membership after checking access: any member ({@code administer} false) or an
     * owner/admin; platform admins pass with no membership. Everyone else gets the same 403 whether or
     * not the organization exists.
     */
    public static Membership access(SecurityIdentity caller, UUID organizationId, boolean administer) {
        Membership m = Membership.of(organizationId, caller.getPrincipal().getName()).orElse(null);
        boolean platformAdmin = caller.hasRole("admin");
        if (!platformAdmin && (m == null || administer && !m.administers())) {
            throw new ApiException(403, "Not allowed to do this");
        }
        return m;
    }

    public static Organization organization(UUID id) {
        Organization o = Organization.findById(id);
        if (o == null) {
            throw new ApiException(404, "Organization not found");
        }
        return o;
    }

    /** Serialises membership changes of one organization, so two owners cannot both step down. */
    private static Organization locked(UUID id) {
        return locked(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Held while a member is added: adds do not wait for each other (a new member never takes an
     * owner away), but they do wait for role changes, removals and deletion of the organization.
     */
    private static Organization sharedLocked(UUID id) {
        return locked(id, LockModeType.PESSIMISTIC_READ);
    }

    private static Organization locked(UUID id, LockModeType mode) {
        Organization o = Organization.findById(id, mode);
        if (o == null) {
            throw new ApiException(404, "Organization not found");
        }
        return o;
    }

    public List<Organization> mine(String userId) {
        return Organization.list("id in (select m.organizationId from Membership m where m.userId = ?1) order by lower(name)", userId);
    }

    @Transactional
    public Organization create(String ownerUserId, OrganizationCreateRequest request) {
        String slug = request.slug() != null ? request.slug() : Organization.slugOf(request.name());
        if (Organization.slugTaken(slug)) {
            throw new ApiException(409, "Slug '" + slug + "' is taken");
        }
        Instant now = now();
        Organization o = new Organization();
        o.id = UUID.randomUUID();
        o.name = request.name().strip();
        o.slug = slug;
        o.description = request.description();
        o.createdAt = now;
        o.updatedAt = now;
        o.persist();
        join(o.id, ownerUserId, Membership.OWNER, null, now);
        flushOr409("Slug '" + slug + "' is taken");
        return o;
    }

    @Transactional
    public Organization update(SecurityIdentity caller, UUID id, OrganizationUpdateRequest request) {
        access(caller, id, true);
        Organization o = organization(id);
        if (request.slug() != null && !request.slug().equalsIgnoreCase(o.slug) && Organization.slugTaken(request.slug())) {
            throw new ApiException(409, "Slug '" + request.slug() + "' is taken");
        }
        o.name = request.name() != null ? request.name().strip() : o.name;
        o.slug = request.slug() != null ? request.slug() : o.slug;
        o.description = request.description() != null ? request.description() : o.description;
        o.updatedAt = now();
        flushOr409("Slug '" + o.slug + "' is taken");
        return o;
    }

    /** Owners (and platform admins) delete; every membership is withdrawn with a tombstone. */
    @Transactional
    public void delete(SecurityIdentity caller, UUID id) {
        Membership m = access(caller, id, true);
        if (m != null && !Membership.OWNER.equals(m.role) && !caller.hasRole("admin")) {
            throw new ApiException(403, "Only owners delete an organization");
        }
        Organization o = locked(id);
        List<Outbox.Message> tombstones = new ArrayList<>();
        for (Membership member : Membership.ofOrganization(id)) {
            tombstones.add(new Outbox.Message(Topics.ORG_MEMBERSHIP, OrgMembershipChanged.key(id, member.userId), null));
        }
        Membership.delete("organizationId", id);
        Team.delete("organizationId", id);
        o.delete();
        outbox.add(tombstones);
    }

    @Transactional
    public Team createTeam(SecurityIdentity caller, UUID organizationId, String name) {
        access(caller, organizationId, true);
        organization(organizationId);
        if (Team.nameTaken(organizationId, name.strip())) {
            throw new ApiException(409, "A team named '" + name.strip() + "' exists");
        }
        Team t = new Team();
        t.id = UUID.randomUUID();
        t.organizationId = organizationId;
        t.name = name.strip();
        t.createdAt = now();
        t.persist();
        flushOr409("A team named '" + t.name + "' exists");
        return t;
    }

    @Transactional
    public Membership addMember(SecurityIdentity caller, UUID organizationId, MemberAddRequest request) {
        Membership me = access(caller, organizationId, true);
        sharedLocked(organizationId);
        String role = request.role() == null ? Membership.MEMBER : request.role();
        requireOwnerFor(caller, me, role);
        if (Membership.of(organizationId, request.userId()).isPresent()) {
            throw new ApiException(409, "Already a member of this organization");
        }
        requireTeam(organizationId, request.teamId());
        Instant joinedAt = request.joinedAt() == null ? now() : backDatedJoin(caller, request.userId(), request.joinedAt());
        Membership m = join(organizationId, request.userId(), role, request.teamId(), joinedAt);
        flushOr409("Already a member of this organization");
        return m;
    }

    @Transactional
    public Membership changeRole(SecurityIdentity caller, UUID organizationId, String userId, String role) {
        Membership me = access(caller, organizationId, true);
        locked(organizationId);
        Membership target = member(organizationId, userId);
        if (!role.equals(target.role)) {
            requireOwnerFor(caller, me, role);
            requireOwnerFor(caller, me, target.role);
            keepAnOwner(target, role);
            target.role = role;
            announce(target);
        }
        return target;
    }

    /** Role, team and organization at once; a new organization means leaving this one and joining that one today. */
    @Transactional
    public Membership update(SecurityIdentity caller, UUID organizationId, String userId, MemberUpdateRequest request) {
        Membership me = access(caller, organizationId, true);
        locked(organizationId);
        Membership target = member(organizationId, userId);
        String role = request.role() != null ? request.role() : target.role;
        if (request.organizationId() != null && !request.organizationId().equals(organizationId)) {
            Membership there = access(caller, request.organizationId(), true);
            organization(request.organizationId());
            requireOwnerFor(caller, there, role);
            requireOwnerFor(caller, me, target.role);
            if (Membership.of(request.organizationId(), userId).isPresent()) {
                throw new ApiException(409, "Already a member of the target organization");
            }
            requireTeam(request.organizationId(), request.teamId());
            keepAnOwner(target, null);
            remove(target);
            Membership moved = join(request.organizationId(), userId, role, request.teamId(), now());
            flushOr409("Already a member of the target organization");
            return moved;
        }
        requireOwnerFor(caller, me, role);
        requireOwnerFor(caller, me, target.role);
        requireTeam(organizationId, request.teamId());
        if (!role.equals(target.role)) {
            keepAnOwner(target, role);
        }
        if (!role.equals(target.role) || !Objects.equals(request.teamId(), target.teamId)) {
            target.role = role;
            target.teamId = request.teamId();
            announce(target);
        }
        return target;
    }

    /** Owners and admins remove members; anyone may leave; the last owner stays. */
    @Transactional
    public void removeMember(SecurityIdentity caller, UUID organizationId, String userId) {
        boolean leaving = caller.getPrincipal().getName().equals(userId);
        Membership me = access(caller, organizationId, !leaving);
        locked(organizationId);
        Membership target = member(organizationId, userId);
        if (!leaving) {
            requireOwnerFor(caller, me, target.role);
        }
        keepAnOwner(target, null);
        remove(target);
    }

    /**
     * A join dated in the past, for an organization that brings its history onto the platform. Only
     * platform powers date joins (an organization's own admins could otherwise rewrite its cohorts);
     * a join is never in the future, nor before the platform knew the user.
     */
    private Instant backDatedJoin(SecurityIdentity caller, String userId, Instant joinedAt) {
        if (!mayDateJoins(caller)) {
            throw new ApiException(403, "joined_at: only platform admins and callers with the " + ApiKeys.USERS_WRITE + " or " + ORGS_WRITE
                    + " scope date joins");
        }
        Instant at = joinedAt.truncatedTo(ChronoUnit.MICROS);
        if (at.isAfter(now())) {
            throw new ApiException(422, "joined_at: must not be in the future");
        }
        if (at.isBefore(EARLIEST_JOIN)) {
            throw new ApiException(422, "joined_at: must not be before " + EARLIEST_JOIN);
        }
        LocalDate known = firstKnownDay(userId);
        if (known != null && LocalDate.ofInstant(at, ZoneOffset.UTC).isBefore(known)) {
            throw new ApiException(422, "joined_at: must not be before the user is known on the platform (" + known
                    + ": their account's creation or first recorded activity)");
        }
        return at;
    }

    private static boolean mayDateJoins(SecurityIdentity caller) {
        return caller.hasRole("admin") || caller.hasRole(ApiKeys.USERS_WRITE) || caller.hasRole(ORGS_WRITE);
    }

    private LocalDate firstKnownDay(String userId) {
        return Sql.withConnection(dataSource, c -> Rollups.firstKnownDay(c, userId));
    }

    private static Membership member(UUID organizationId, String userId) {
        return Membership.of(organizationId, userId).orElseThrow(() -> new ApiException(404, "Not a member of this organization"));
    }

    private Membership join(UUID organizationId, String userId, String role, UUID teamId, Instant at) {
        refuseErased(userId);
        Membership m = new Membership();
        m.id = UUID.randomUUID();
        m.organizationId = organizationId;
        m.userId = userId;
        m.role = role;
        m.teamId = teamId;
        m.joinedAt = at;
        m.persist();
        announce(m);
        return m;
    }

    private void remove(Membership m) {
        m.delete();
        outbox.add(List.of(new Outbox.Message(Topics.ORG_MEMBERSHIP, OrgMembershipChanged.key(m.organizationId, m.userId), null)));
    }

    private void announce(Membership m) {
        outbox.add(List.of(new Outbox.Message(Topics.ORG_MEMBERSHIP, OrgMembershipChanged.key(m.organizationId, m.userId),
                new OrgMembershipChanged(UUID.randomUUID(), now(), m.organizationId, m.userId, m.role, m.teamId, m.joinedAt))));
    }

    /** Granting or taking away ownership is for owners (and platform admins). */
    private static void requireOwnerFor(SecurityIdentity caller, Membership me, String role) {
        if (Membership.OWNER.equals(role) && !caller.hasRole("admin") && (me == null || !Membership.OWNER.equals(me.role))) {
            throw new ApiException(403, "Only owners grant or take away ownership");
        }
    }

    /** An organization always keeps at least one owner. */
    private static void keepAnOwner(Membership target, String newRole) {
        if (Membership.OWNER.equals(target.role) && !Membership.OWNER.equals(newRole) && Membership.owners(target.organizationId) <= 1) {
            throw new ApiException(409, "An organization keeps at least one owner: make someone else owner first");
        }
    }

    private static void requireTeam(UUID organizationId, UUID teamId) {
        if (teamId != null && Team.count("id = ?1 and organizationId = ?2", teamId, organizationId) == 0) {
            throw new ApiException(422, "team_id: not a team of this organization");
        }
    }

    private static void flushOr409(String detail) {
        try {
            Organization.flush();
        } catch (PersistenceException e) {
            throw new ApiException(409, detail);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An erased user cannot join anything again. The screen holds the erasure's lock until this
     * transaction ends, so an erasure arriving meanwhile waits and then withdraws this membership too.
     */
    private void refuseErased(String userId) {
        try {
            if (!erasures.screen(List.of(userId)).isEmpty()) {
                throw new ApiException(409, "This user was erased");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the erasure list", e);
        }
    }
}
