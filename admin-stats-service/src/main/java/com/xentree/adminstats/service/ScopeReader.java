package com.xentree.adminstats.service;

import com.xentree.adminstats.Membership;
import com.xentree.adminstats.Metric;
import com.xentree.adminstats.Organization;
import com.xentree.adminstats.Team;
import com.xentree.adminstats.rest.DashboardDtos.DateRangeSummary;
import com.xentree.adminstats.rest.DashboardDtos.OrganizationSummary;
import com.xentree.adminstats.service.Rollups.Day;
import com.xentree.adminstats.service.Rollups.Member;
import com.xentree.adminstats.service.Rollups.Range;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Loads what an admin view is about, after the access check: organization, members in scope and their days. */
@ApplicationScoped
public class ScopeReader {

    /** The admin population in scope and its members' days from the previous period on. */
    public record Scope(Organization org, UUID teamId, Range range, Population population, Map<String, Map<LocalDate, Day>> days,
            Map<UUID, String> teams) {

        /** The population's figures over a period within the days read. */
        public Metric.Aggregate aggregate(LocalDate from, LocalDate to) {
            return population.aggregate(days, from, to);
        }

        public OrganizationSummary organizationSummary() {
            return new OrganizationSummary(org.id, org.name, org.slug, Membership.count("organizationId", org.id));
        }

        public DateRangeSummary dateRange() {
            return new DateRangeSummary(range.start(), range.end(), range.previousStart(), range.previousEnd(), range.days());
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The organization an admin view is about: the one given, or the caller's only administered one. */
    public UUID organizationFor(SecurityIdentity caller, UUID organizationId) {
        if (organizationId != null) {
            return organizationId;
        }
        List<Membership> administered = Membership.ofUser(caller.getPrincipal().getName()).stream().filter(Membership::administers).toList();
        if (administered.size() != 1) {
            throw new ApiException(422, "organization_id: required (you administer " + administered.size() + " organizations)");
        }
        return administered.get(0).organizationId;
    }

    /** The admin view's scope, for the organization's owners and admins (or platform admins) only. */
    public Scope read(SecurityIdentity caller, UUID organizationId, UUID teamId, LocalDate start, LocalDate end) {
        return load(administered(caller, organizationId, teamId), teamId, Rollups.range(start, end, clock));
    }

    /** The organization, for its owners and admins (or platform admins) only; a team filter must name one of its teams. */
    static Organization administered(SecurityIdentity caller, UUID organizationId, UUID teamId) {
        OrganizationService.access(caller, organizationId, true);
        Organization org = OrganizationService.organization(organizationId);
        if (teamId != null && Team.count("id = ?1 and organizationId = ?2", teamId, organizationId) == 0) {
            throw new ApiException(422, "team_id: not a team of this organization");
        }
        return org;
    }

    /** The organization's (or a team's) population and days over a period, for measuring objectives and targets. */
    public Scope period(Organization org, UUID teamId, LocalDate from, LocalDate to) {
        return load(org, teamId, new Range(from, to, from, from.minusDays(1), (int) (to.toEpochDay() - from.toEpochDay()) + 1));
    }

    private Scope load(Organization org, UUID teamId, Range r) {
        return Sql.withConnection(dataSource, c -> new Scope(org, teamId, r,
                new Population(Rollups.members(c, org.id, teamId, null, r.end())),
                Rollups.days(c, org.id, teamId, null, r.previousStart(), r.end()), Rollups.teamNames(org.id)));
    }

    /** Each member's level the day before {@code start} and at {@code end} (1 when no XP was announced yet). */
    public Map<String, int[]> levels(List<Member> members, LocalDate start, LocalDate end) {
        Map<String, int[]> levels = new HashMap<>();
        members.forEach(m -> levels.put(m.userId(), new int[] {1, 1}));
        if (members.isEmpty()) {
            return levels;
        }
        return Sql.withConnection(dataSource, c -> {
            Sql.each(c, """
                    select user_id, coalesce(max(level_after) filter (where day < ?), 1), coalesce(max(level_after) filter (where day <= ?), 1)
                      from member_day where user_id = any(?) group by user_id""",
                    rs -> levels.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)}), start, end,
                    c.createArrayOf("text", members.stream().map(Member::userId).toArray()));
            return levels;
        });
    }
}
