package com.xentree.adminstats.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.adminstats.Kpis;
import com.xentree.adminstats.MemberStatus;
import com.xentree.adminstats.Membership;
import com.xentree.adminstats.Metric;
import com.xentree.adminstats.Organization;
import com.xentree.adminstats.rest.DashboardDtos.Affiliation;
import com.xentree.adminstats.rest.DashboardDtos.CohortAnalyticsRow;
import com.xentree.adminstats.rest.DashboardDtos.CohortRetention;
import com.xentree.adminstats.rest.DashboardDtos.CohortRetentionAnalytics;
import com.xentree.adminstats.rest.DashboardDtos.CohortRetentionCell;
import com.xentree.adminstats.rest.DashboardDtos.CohortRetentionRow;
import com.xentree.adminstats.rest.DashboardDtos.DashboardResponse;
import com.xentree.adminstats.rest.DashboardDtos.DateRangeSummary;
import com.xentree.adminstats.rest.DashboardDtos.DistributionBucket;
import com.xentree.adminstats.rest.DashboardDtos.KpiStat;
import com.xentree.adminstats.rest.DashboardDtos.MemberActivityRow;
import com.xentree.adminstats.rest.DashboardDtos.MemberDirectoryRow;
import com.xentree.adminstats.rest.DashboardDtos.MemberSessionDay;
import com.xentree.adminstats.rest.DashboardDtos.OrganizationSummary;
import com.xentree.adminstats.rest.DashboardDtos.Pulse;
import com.xentree.adminstats.rest.DashboardDtos.PulseDay;
import com.xentree.adminstats.rest.DashboardDtos.PulseSummary;
import com.xentree.adminstats.rest.DashboardDtos.TrendPoint;
import com.xentree.adminstats.rest.DashboardDtos.UserDetailResponse;
import com.xentree.adminstats.rest.DashboardWriter;
import com.xentree.adminstats.service.MemberDays.Series;
import com.xentree.adminstats.service.Rollups.Day;
import com.xentree.adminstats.service.Rollups.Member;
import com.xentree.adminstats.service.Rollups.MemberTotals;
import com.xentree.adminstats.service.Rollups.Range;
import com.xentree.adminstats.service.Rollups.Totals;
import com.xentree.events.PulseLevels;
import com.xentree.foundation.reads.RenderedReads;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The engagement dashboard and member detail. Reads only per-member daily rollups and membership
 * (never raw events). The dashboard reads the members in one query and sums their days from the
 * in-memory copy of {@link MemberDays} (brought up to date first): arrays in the JVM instead of
 * index probes per member in PostgreSQL. A population with more days than that copy may hold has
 * PostgreSQL sum them, as before: one query for the members (with their last active day), one for
 * their totals per member, one for their totals per day.
 */
@ApplicationScoped
public class DashboardService {

    /** Retention matrices show at most this many weekly periods. */
    public static final int MAX_PERIODS = 12;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    MemberDays memberDays;
    @Inject
    DashboardAnswers answers;
    @Inject
    ObjectMapper json;

    /**
     * The dashboard as JSON: the answer held while nothing it shows changed (the change log read
     * now), else computed and rendered. The caller's access is checked every time.
     */
    public DashboardAnswers.Answer rendered(SecurityIdentity caller, UUID organizationId, UUID teamId, LocalDate start, LocalDate end)
            throws SQLException {
        ScopeReader.administered(caller, organizationId, teamId);
        Range r = Rollups.range(start, end, clock);
        String key = organizationId + "/" + teamId + "/" + r.start() + "/" + r.end();
        memberDays.poll();
        long since = answers.epoch();
        DashboardAnswers.Answer held = answers.get(key);
        return held != null ? held : computed(caller, organizationId, teamId, r, key, since);
    }

    /** Computes and renders the dashboard; kept for next time unless something it shows changed after {@code since}. */
    private DashboardAnswers.Answer computed(SecurityIdentity caller, UUID organizationId, UUID teamId, Range r, String key, long since) {
        DashboardResponse response = dashboard(caller, organizationId, teamId, r.start(), r.end(), true);
        byte[] body = DashboardWriter.bytes(json, response);
        DashboardAnswers.Answer answer = new DashboardAnswers.Answer(body, RenderedReads.tag(key, body));
        answers.put(key, organizationId, response.memberDirectory().stream().map(MemberDirectoryRow::userId).toList(), answer, since);
        return answer;
    }

    /**
     * {@code inMemory}: sum the members' days held by {@link MemberDays} where they fit; else (and
     * for populations too large to hold) PostgreSQL sums them. Both give the same answer.
     */
    public DashboardResponse dashboard(SecurityIdentity caller, UUID organizationId, UUID teamId, LocalDate start, LocalDate end,
            boolean inMemory) {
        Organization org = ScopeReader.administered(caller, organizationId, teamId);
        Range r = Rollups.range(start, end, clock);
        Map<UUID, String> teams = Rollups.teamNames(organizationId);
        return Sql.withConnection(dataSource, c -> {
            List<Member> members = Rollups.members(c, organizationId, teamId, null, r.end(), false);
            Map<String, Series> days = inMemory ? memberDays.of(members.stream().map(Member::userId).toList()) : null;
            // retention weeks see the days of the previous range and of the range's first week (a previous cohort's week 0 that
            // starts before the previous range sees only the days in it)
            LocalDate weeksFrom = Rollups.min(r.previousStart(), Rollups.monday(r.start()));
            Population population;
            Map<String, MemberTotals> totals;
            Map<LocalDate, Totals> perDay;
            if (days != null) {
                population = new Population(members.stream().map(m -> lastActive(m, days.get(m.userId()).lastActiveDay(r.end()))).toList());
                totals = MemberSums.memberTotals(population.members(), days, r, weeksFrom, MAX_PERIODS);
                perDay = MemberSums.dayTotals(population.members(), days, r.start(), r.end());
            } else { // more member-days than memory may hold: PostgreSQL sums them
                population = new Population(Rollups.members(c, organizationId, teamId, null, r.end()));
                totals = Rollups.memberTotals(c, population.members(), r, weeksFrom, MAX_PERIODS);
                perDay = Rollups.dayTotals(c, population.members(), r.start(), r.end());
            }
            return new DashboardResponse(
                    new OrganizationSummary(org.id, org.name, org.slug, Membership.count("organizationId", org.id)),
                    new DateRangeSummary(r.start(), r.end(), r.previousStart(), r.previousEnd(), r.days()),
                    kpis(population, totals, r),
                    pulse(perDay, r),
                    trend(perDay, r, population.size()),
                    distribution(population.members(), totals),
                    retention(population, totals, r),
                    memberActivity(population.members(), totals, r),
                    population.members().stream().map(m -> directoryRow(m, org, teams, r)).toList());
        });
    }

    public UserDetailResponse member(SecurityIdentity caller, UUID organizationId, String userId, LocalDate start, LocalDate end) {
        OrganizationService.access(caller, organizationId, true);
        Organization org = OrganizationService.organization(organizationId);
        Range r = Rollups.range(start, end, clock);
        return Sql.withConnection(dataSource, c -> {
            List<Member> found = Rollups.members(c, organizationId, null, userId, r.end());
            if (found.isEmpty()) {
                throw new ApiException(404, "Not a member of this organization");
            }
            Member m = found.get(0);
            Map<LocalDate, Day> days = Rollups.days(c, organizationId, null, userId, r.previousStart(), r.end()).getOrDefault(userId, Map.of());
            Map<String, Map<LocalDate, Day>> one = Map.of(userId, days);
            List<KpiStat> kpis = List.of(
                    Kpis.of("learning_hours", "Learning hours", Rollups.hours(one, r.start(), r.end()), Rollups.hours(one, r.previousStart(), r.previousEnd()), "hours"),
                    Kpis.of("sessions", "Sessions", Rollups.sum(one, r.start(), r.end(), Day::sessions), Rollups.sum(one, r.previousStart(), r.previousEnd(), Day::sessions), "sessions"),
                    Kpis.of("active_days", "Active days", Rollups.activeDays(days, r.start(), r.end()), Rollups.activeDays(days, r.previousStart(), r.previousEnd()), "days"),
                    Kpis.of("xp_earned", "XP earned", Rollups.sum(one, r.start(), r.end(), Day::xp), Rollups.sum(one, r.previousStart(), r.previousEnd(), Day::xp), "xp"),
                    Kpis.of("average_score", "Average score", Rollups.avgScore(days, r.start(), r.end()), Rollups.avgScore(days, r.previousStart(), r.previousEnd()), "points"));
            List<MemberSessionDay> sessions = new ArrayList<>();
            for (LocalDate d = r.start(); !d.isAfter(r.end()); d = d.plusDays(1)) {
                Day day = days.getOrDefault(d, Day.NONE);
                if (day.active()) {
                    sessions.add(new MemberSessionDay(d, day.sessions(), day.seconds() / 60));
                }
            }
            MemberDirectoryRow row = directoryRow(m, org, Rollups.teamNames(organizationId), r);
            Map<LocalDate, Totals> perDay = Rollups.dayTotals(c, found, r.start(), r.end());
            return new UserDetailResponse(new OrganizationSummary(org.id, org.name, org.slug, Membership.count("organizationId", org.id)),
                    new DateRangeSummary(r.start(), r.end(), r.previousStart(), r.previousEnd(), r.days()), row, kpis,
                    pulse(perDay, r), trend(perDay, r, found.size()), sessions, row.affiliations(), row.status());
        });
    }

    private static Member lastActive(Member m, LocalDate day) {
        return new Member(m.userId(), m.role(), m.teamId(), m.joinedAt(), m.username(), m.fullName(), m.email(), m.avatarUrl(),
                m.lastActiveAt(), day);
    }

    /** The cards by the population rule: activity of the whole population; only total_members counts by join date. */
    private List<KpiStat> kpis(Population population, Map<String, MemberTotals> totals, Range r) {
        Metric.Aggregate now = population.aggregate(r.start(), r.end(), m -> totals.get(m.userId()).range());
        Metric.Aggregate before = population.aggregate(r.previousStart(), r.previousEnd(), m -> totals.get(m.userId()).previous());
        return List.of(
                Kpis.of("total_members", "Members", population.joinedBy(r.end()), population.joinedBy(r.previousEnd()), "members"),
                Kpis.of("active_members", "Active members", now.activeMembers(), before.activeMembers(), "members"),
                Kpis.of("active_rate", "Active rate", Metric.ACTIVE_MEMBER_RATE.value(now), Metric.ACTIVE_MEMBER_RATE.value(before), "%"),
                Kpis.of("learning_hours", "Learning hours", now.seconds() / 3600.0, before.seconds() / 3600.0, "hours"),
                Kpis.of("sessions", "Sessions", now.sessions(), before.sessions(), "sessions"),
                Kpis.of("avg_learning_minutes_per_active_member", "Minutes per active member", minutesPerActiveMember(now),
                        minutesPerActiveMember(before), "minutes"),
                Kpis.of("xp_earned", "XP earned", now.xp(), before.xp(), "xp"));
    }

    private static double minutesPerActiveMember(Metric.Aggregate a) {
        return a.activeMembers() == 0 ? 0 : a.seconds() / 60.0 / a.activeMembers();
    }

    /** The pulse of the range from its days' totals over the members (absent days: nobody learned). */
    private static Pulse pulse(Map<LocalDate, Totals> perDay, Range r) {
        PulseLevels levels = new PulseLevels(perDay.values().stream().filter(Totals::active).mapToLong(Totals::seconds).toArray());
        List<PulseDay> data = new ArrayList<>();
        long minutes = 0;
        long sessions = 0;
        int active = 0;
        for (LocalDate d = r.start(); !d.isAfter(r.end()); d = d.plusDays(1)) {
            Totals t = perDay.getOrDefault(d, Totals.NONE);
            data.add(new PulseDay(d, t.seconds() / 60, t.sessions(), levels.level(t.active(), t.seconds())));
            minutes += t.seconds() / 60;
            sessions += t.sessions();
            active += t.active() ? 1 : 0;
        }
        return new Pulse(data, new PulseSummary(minutes, sessions, active, r.start(), r.end()));
    }

    /** Each day's hours, and per member of the population (what every rate divides by). */
    private static List<TrendPoint> trend(Map<LocalDate, Totals> perDay, Range r, int members) {
        List<TrendPoint> trend = new ArrayList<>();
        for (LocalDate d = r.start(); !d.isAfter(r.end()); d = d.plusDays(1)) {
            double hours = perDay.getOrDefault(d, Totals.NONE).seconds() / 3600.0;
            trend.add(new TrendPoint(d, Kpis.round2(hours), members == 0 ? 0 : Kpis.round2(hours / members)));
        }
        return trend;
    }

    /** Members by learning time in the range. */
    static final String[] BUCKETS = {"0h", "<1h", "1-5h", "5-10h", "10h+"};

    static int bucket(long seconds) {
        return seconds == 0 ? 0 : seconds < 3600 ? 1 : seconds < 5 * 3600 ? 2 : seconds < 10 * 3600 ? 3 : 4;
    }

    private static List<DistributionBucket> distribution(List<Member> members, Map<String, MemberTotals> totals) {
        long[] counts = new long[BUCKETS.length];
        for (Member m : members) {
            counts[bucket(totals.get(m.userId()).range().seconds())]++;
        }
        List<DistributionBucket> list = new ArrayList<>();
        for (int i = 0; i < BUCKETS.length; i++) {
            list.add(new DistributionBucket(BUCKETS[i], counts[i]));
        }
        return list;
    }

    /**
     * Retention cohorts (DESIGN.md section 4): members who joined in the range, grouped by the ISO
     * week they joined; period k is the k-th week after the join week; retained = active that week.
     */
    private static CohortRetention retention(Population population, Map<String, MemberTotals> totals, Range r) {
        List<CohortRetentionRow> cohorts = cohorts(population.joinedWithin(r.start(), r.end()), totals, r.end());
        List<CohortRetentionRow> before = cohorts(population.joinedWithin(r.previousStart(), r.previousEnd()), totals, r.previousEnd());
        int periods = cohorts.stream().mapToInt(c -> c.periods().size()).max().orElse(0);
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < periods; k++) {
            labels.add("Week " + k);
        }
        List<CohortAnalyticsRow> rows = cohorts.stream().map(DashboardService::analyticsRow).toList();
        List<CohortAnalyticsRow> rowsBefore = before.stream().map(DashboardService::analyticsRow).toList();
        List<KpiStat> metrics = List.of(
                Kpis.of("avg_week_1_retention", "Average week 1 retention", avg(rows, CohortAnalyticsRow::week1Retention),
                        avg(rowsBefore, CohortAnalyticsRow::week1Retention), "%"),
                Kpis.of("avg_latest_retention", "Average latest retention", avg(rows, CohortAnalyticsRow::latestRetention),
                        avg(rowsBefore, CohortAnalyticsRow::latestRetention), "%"),
                Kpis.of("cohort_members", "Members in cohorts", rows.stream().mapToLong(CohortAnalyticsRow::cohortSize).sum(),
                        rowsBefore.stream().mapToLong(CohortAnalyticsRow::cohortSize).sum(), "members"));
        List<CohortAnalyticsRow> top = rows.stream().filter(c -> c.latestRetention() != null)
                .sorted(Comparator.comparing(CohortAnalyticsRow::latestRetention).reversed().thenComparing(CohortAnalyticsRow::cohortStartDate))
                .limit(3).toList();
        return new CohortRetention(labels, cohorts, new CohortRetentionAnalytics(metrics, top));
    }

    /** The cohorts of the members who joined in a period, by the week they joined, followed up to {@code to}. */
    private static List<CohortRetentionRow> cohorts(List<Member> joined, Map<String, MemberTotals> totals, LocalDate to) {
        Map<LocalDate, List<Member>> byWeek = new java.util.TreeMap<>();
        for (Member m : joined) {
            byWeek.computeIfAbsent(Rollups.monday(Rollups.joinDay(m)), w -> new ArrayList<>()).add(m);
        }
        List<CohortRetentionRow> rows = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Member>> e : byWeek.entrySet()) {
            LocalDate week = e.getKey();
            List<CohortRetentionCell> cells = new ArrayList<>();
            for (int k = 0; k < MAX_PERIODS && !week.plusWeeks(k).isAfter(to); k++) {
                int period = k;
                long retained = e.getValue().stream().filter(m -> totals.get(m.userId()).activeInWeek(period)).count();
                cells.add(new CohortRetentionCell(k, "Week " + k, retained, Kpis.round1(Rollups.pct(retained, e.getValue().size()))));
            }
            rows.add(new CohortRetentionRow(week.getYear() + "-W" + String.format("%02d", week.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    week, e.getValue().size(), cells));
        }
        return rows;
    }

    private static CohortAnalyticsRow analyticsRow(CohortRetentionRow c) {
        Double week1 = c.periods().size() > 1 ? c.periods().get(1).retentionRate() : null;
        CohortRetentionCell latest = c.periods().size() > 1 ? c.periods().get(c.periods().size() - 1) : null;
        return new CohortAnalyticsRow(c.cohort(), c.cohortStartDate(), c.cohortSize(), week1, latest == null ? null : latest.retentionRate(),
                latest == null ? 0 : latest.retainedUsers());
    }

    private static List<MemberActivityRow> memberActivity(List<Member> members, Map<String, MemberTotals> totals, Range r) {
        List<MemberActivityRow> rows = new ArrayList<>(members.size());
        for (Member m : members) {
            Totals t = totals.get(m.userId()).range();
            rows.add(new MemberActivityRow(m.userId(), m.username(), m.fullName(), m.email(), m.avatarUrl(), t.seconds() / 60, t.sessions(),
                    (int) t.activeDays(), m.lastActiveAt(), MemberStatus.of(m.lastActiveDay(), r.end())));
        }
        rows.sort(Comparator.comparing(MemberActivityRow::learningTime).reversed().thenComparing(MemberActivityRow::userId));
        return rows;
    }

    /** Affiliations within this organization only: a directory never reveals other organizations. */
    private static MemberDirectoryRow directoryRow(Member m, Organization org, Map<UUID, String> teams, Range r) {
        String team = m.teamId() == null ? null : teams.get(m.teamId());
        return new MemberDirectoryRow(m.userId(), m.username(), m.fullName(), m.email(), m.avatarUrl(), m.joinedAt(), null, "active",
                MemberStatus.of(m.lastActiveDay(), r.end()), m.lastActiveAt(), List.of(org.name), team == null ? List.of() : List.of(team),
                List.of(new Affiliation(org.id, org.name, m.teamId(), team)));
    }

    // ---- arithmetic

    private static double avg(List<CohortAnalyticsRow> rows, java.util.function.Function<CohortAnalyticsRow, Double> f) {
        return rows.stream().map(f).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
