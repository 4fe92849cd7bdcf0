package com.xentree.adminstats.service;

import com.xentree.adminstats.Kpis;
import com.xentree.adminstats.LearningTarget;
import com.xentree.adminstats.Lvi;
import com.xentree.adminstats.LviWeights;
import com.xentree.adminstats.Metric;
import com.xentree.adminstats.Organization;
import com.xentree.adminstats.Team;
import com.xentree.adminstats.rest.DashboardDtos.KpiStat;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactLevelItem;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactLevelProgressionResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTeamBreakdownItem;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTeamBreakdownResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTopPerformerItem;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTopPerformersResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTrendPoint;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTrendResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.KpiResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.LearningTargetCreateRequest;
import com.xentree.adminstats.rest.ProgressImpactDtos.LearningTargetListResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.LearningTargetResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.LearningTargetSuggestResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.LearningTargetSuggestion;
import com.xentree.adminstats.rest.ProgressImpactDtos.LviWeightResponse;
import com.xentree.adminstats.service.Rollups.Day;
import com.xentree.adminstats.service.Rollups.Member;
import com.xentree.adminstats.service.Rollups.Range;
import com.xentree.foundation.rest.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The impact tab: KPI cards, trend, level progression, team breakdown, top performers by LVI, targets
 * and LVI weights, all over the admin {@link Population}.
 */
@ApplicationScoped
public class ImpactService {

    public static final Set<String> PERIODS = Set.of("week", "month", "quarter");

    @Inject
    ScopeReader scopes;
    @Inject
    ObjectiveService objectives;
    @Inject
    Clock clock;

    // ---- LVI

    public static Lvi.Weights weights(UUID organizationId) {
        LviWeights w = LviWeights.findById(organizationId);
        return w == null ? Lvi.Weights.DEFAULT : w.weights();
    }

    /** Each member's LVI over a period: every member of the population, whatever their join date. */
    Map<String, Double> lvi(ScopeReader.Scope s, LocalDate from, LocalDate to, Lvi.Weights weights, double objectiveProgress) {
        long maxSeconds = 0;
        long maxXp = 0;
        List<Member> members = s.population().members();
        for (Member m : members) {
            Map<LocalDate, Day> d = s.days().get(m.userId());
            maxSeconds = Math.max(maxSeconds, Rollups.sumOf(d, from, to, Day::seconds));
            maxXp = Math.max(maxXp, Rollups.sumOf(d, from, to, Day::xp));
        }
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Member m : members) {
            Map<LocalDate, Day> d = s.days().getOrDefault(m.userId(), Map.of());
            Lvi.Components c = Lvi.normalise(Rollups.sumOf(d, from, to, Day::seconds), maxSeconds, Rollups.activeDays(d, from, to), days,
                    Rollups.sumOf(d, from, to, Day::xp), maxXp, Rollups.avgScore(d, from, to), objectiveProgress);
            scores.put(m.userId(), Lvi.score(c, weights));
        }
        return scores;
    }

    private static double average(Map<String, Double> lvi) {
        return Kpis.round1(lvi.values().stream().mapToDouble(Double::doubleValue).average().orElse(0));
    }

    public KpiResponse kpis(ScopeReader.Scope s) {
        Range r = s.range();
        Lvi.Weights w = weights(s.org().id);
        double objectiveProgress = objectives.averageProgress(s.org());
        Metric.Aggregate now = s.aggregate(r.start(), r.end());
        Metric.Aggregate before = s.aggregate(r.previousStart(), r.previousEnd());
        Map<String, int[]> levels = scopes.levels(s.population().members(), r.start(), r.end());
        Map<String, int[]> levelsBefore = scopes.levels(s.population().members(), r.previousStart(), r.previousEnd());
        List<KpiStat> kpis = List.of(
                Kpis.of("average_lvi", "Average LVI", average(lvi(s, r.start(), r.end(), w, objectiveProgress)),
                        average(lvi(s, r.previousStart(), r.previousEnd(), w, objectiveProgress)), "points"),
                Kpis.of("learning_hours", "Learning hours", now.seconds() / 3600.0, before.seconds() / 3600.0, "hours"),
                Kpis.of("xp_earned", "XP earned", now.xp(), before.xp(), "xp"),
                Kpis.of("members_levelled_up", "Members who levelled up", levelledUp(levels), levelledUp(levelsBefore), "members"),
                Kpis.of("average_score", "Average score", Metric.AVERAGE_SCORE.value(now), Metric.AVERAGE_SCORE.value(before), "points"));
        return new KpiResponse(s.organizationSummary(), s.dateRange(), kpis);
    }

    private static long levelledUp(Map<String, int[]> levels) {
        return levels.values().stream().filter(l -> l[1] > l[0]).count();
    }

    public ImpactTrendResponse trend(ScopeReader.Scope s) {
        Lvi.Weights w = weights(s.org().id);
        double objectiveProgress = objectives.averageProgress(s.org());
        List<ImpactTrendPoint> points = new ArrayList<>();
        for (LocalDate[] week : ProgressService.weeks(s.range())) {
            Metric.Aggregate a = s.aggregate(week[0], week[1]);
            points.add(new ImpactTrendPoint(week[0], week[1], Kpis.round2(a.seconds() / 3600.0), a.xp(),
                    average(lvi(s, week[0], week[1], w, objectiveProgress))));
        }
        return new ImpactTrendResponse(s.dateRange(), "week", points);
    }

    /** Members per level the day before the range starts and at its end, from the levels profile-service announced. */
    public ImpactLevelProgressionResponse levelProgression(ScopeReader.Scope s) {
        Map<String, int[]> levels = scopes.levels(s.population().members(), s.range().start(), s.range().end());
        TreeMap<Integer, long[]> counts = new TreeMap<>();
        for (int[] l : levels.values()) {
            counts.computeIfAbsent(l[0], k -> new long[2])[0]++;
            counts.computeIfAbsent(l[1], k -> new long[2])[1]++;
        }
        List<ImpactLevelItem> items = counts.entrySet().stream()
                .map(e -> new ImpactLevelItem(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new ImpactLevelProgressionResponse(s.dateRange(), items, levelledUp(levels),
                Kpis.round2(levels.values().stream().mapToInt(l -> l[0]).average().orElse(0)),
                Kpis.round2(levels.values().stream().mapToInt(l -> l[1]).average().orElse(0)));
    }

    public ImpactTeamBreakdownResponse teamBreakdown(ScopeReader.Scope s) {
        Range r = s.range();
        Map<String, Double> lvi = lvi(s, r.start(), r.end(), weights(s.org().id), objectives.averageProgress(s.org()));
        List<ImpactTeamBreakdownItem> items = new ArrayList<>();
        Team.of(s.org().id).stream().filter(t -> s.teamId() == null || t.id.equals(s.teamId()))
                .forEach(t -> items.add(teamItem(s, t.id, t.name, s.population().inTeam(t.id), lvi)));
        Population noTeam = s.population().inTeam(null);
        if (noTeam.size() > 0) {
            items.add(teamItem(s, null, null, noTeam, lvi));
        }
        return new ImpactTeamBreakdownResponse(s.dateRange(), items);
    }

    /** One team's part of the population, by the same rule as the whole. */
    private static ImpactTeamBreakdownItem teamItem(ScopeReader.Scope s, UUID team, String name, Population members, Map<String, Double> lvi) {
        Range r = s.range();
        Metric.Aggregate a = members.aggregate(s.days(), r.start(), r.end());
        return new ImpactTeamBreakdownItem(team, name, members.size(), a.activeMembers(), Kpis.round2(a.seconds() / 3600.0), a.xp(),
                a.scoreCount() == 0 ? null : Metric.AVERAGE_SCORE.value(a),
                Kpis.round1(members.members().stream().mapToDouble(m -> lvi.getOrDefault(m.userId(), 0.0)).average().orElse(0)));
    }

    /** Members by LVI; ties broken by XP, then learning time, then user id, so the order never flickers. */
    public ImpactTopPerformersResponse topPerformers(ScopeReader.Scope s, int limit) {
        Range r = s.range();
        Lvi.Weights w = weights(s.org().id);
        Map<String, Double> lvi = lvi(s, r.start(), r.end(), w, objectives.averageProgress(s.org()));
        record Row(Member m, double lvi, long xp, long seconds) {
        }
        List<Row> rows = new ArrayList<>();
        for (Member m : s.population().members()) {
            Map<LocalDate, Day> d = s.days().get(m.userId());
            rows.add(new Row(m, lvi.getOrDefault(m.userId(), 0.0), Rollups.sumOf(d, r.start(), r.end(), Day::xp),
                    Rollups.sumOf(d, r.start(), r.end(), Day::seconds)));
        }
        rows.sort(Comparator.comparingDouble(Row::lvi).reversed().thenComparing(Comparator.comparingLong(Row::xp).reversed())
                .thenComparing(Comparator.comparingLong(Row::seconds).reversed()).thenComparing(row -> row.m().userId()));
        List<ImpactTopPerformerItem> items = new ArrayList<>();
        for (Row row : rows.subList(0, Math.min(limit, rows.size()))) {
            Map<LocalDate, Day> d = s.days().getOrDefault(row.m().userId(), Map.of());
            long n = Rollups.sumOf(d, r.start(), r.end(), Day::scoreCount);
            items.add(new ImpactTopPerformerItem(items.size() + 1, row.m().userId(), row.m().username(), row.m().fullName(),
                    row.m().teamId() == null ? null : s.teams().get(row.m().teamId()), row.lvi(), Kpis.round2(row.seconds() / 3600.0),
                    Rollups.activeDays(d, r.start(), r.end()), row.xp(), n == 0 ? null : Kpis.round1(Rollups.avgScore(d, r.start(), r.end()))));
        }
        return new ImpactTopPerformersResponse(s.dateRange(), w.asMap(), items);
    }

    public LviWeightResponse lviWeights(SecurityIdentity caller, UUID organizationId) {
        OrganizationService.access(caller, organizationId, true);
        OrganizationService.organization(organizationId);
        LviWeights w = LviWeights.findById(organizationId);
        return new LviWeightResponse(organizationId, (w == null ? Lvi.Weights.DEFAULT : w.weights()).asMap(), w == null,
                w == null ? null : w.updatedAt);
    }

    @Transactional
    public LviWeightResponse updateLviWeights(SecurityIdentity caller, UUID organizationId, Map<String, Double> weights) {
        OrganizationService.access(caller, organizationId, true);
        OrganizationService.organization(organizationId);
        List<String> problems = Lvi.Weights.problems(weights);
        if (!problems.isEmpty()) {
            throw new ApiException(422, "Invalid LVI weights: " + String.join("; ", problems), problems);
        }
        Lvi.Weights valid = Lvi.Weights.of(weights);
        LviWeights w = LviWeights.findById(organizationId);
        boolean created = w == null;
        if (created) {
            w = new LviWeights();
            w.organizationId = organizationId;
        }
        w.learningTime = BigDecimal.valueOf(valid.learningTime());
        w.activeDays = BigDecimal.valueOf(valid.activeDays());
        w.xp = BigDecimal.valueOf(valid.xp());
        w.averageScore = BigDecimal.valueOf(valid.averageScore());
        w.objectiveProgress = BigDecimal.valueOf(valid.objectiveProgress());
        w.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (created) {
            w.persist();
        }
        return new LviWeightResponse(organizationId, w.weights().asMap(), false, w.updatedAt);
    }

    // ---- learning targets

    public LearningTargetListResponse targets(SecurityIdentity caller, UUID organizationId) {
        OrganizationService.access(caller, organizationId, true);
        Organization org = OrganizationService.organization(organizationId);
        return new LearningTargetListResponse(LearningTarget.of(organizationId).stream().map(t -> measure(org, t)).toList());
    }

    /** Creates the target of this metric and team, or updates it; true in {@link Saved#created()} when new. */
    public record Saved(LearningTargetResponse target, boolean created) {
    }

    @Transactional
    public Saved saveTarget(SecurityIdentity caller, UUID organizationId, LearningTargetCreateRequest request) {
        OrganizationService.access(caller, organizationId, true);
        Organization org = OrganizationService.organization(organizationId);
        List<String> problems = new ArrayList<>();
        Metric metric = Metric.of(request.metric()).orElse(null);
        if (metric == null) {
            problems.add("metric: one of " + Metric.keys());
        } else if (request.targetValue() > metric.max) {
            problems.add("target_value: at most " + (long) metric.max + " " + metric.unit);
        }
        if (!PERIODS.contains(request.period())) {
            problems.add("period: one of month, quarter, week");
        }
        if (request.teamId() != null && Team.count("id = ?1 and organizationId = ?2", request.teamId(), organizationId) == 0) {
            problems.add("team_id: not a team of this organization");
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "Invalid learning target: " + String.join("; ", problems), problems);
        }
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LearningTarget t = LearningTarget.find(organizationId, request.teamId(), metric.key).orElse(null);
        boolean created = t == null;
        if (created) {
            t = new LearningTarget();
            t.id = UUID.randomUUID();
            t.organizationId = organizationId;
            t.teamId = request.teamId();
            t.metric = metric.key;
            t.createdAt = now;
        }
        t.targetValue = BigDecimal.valueOf(request.targetValue());
        t.period = request.period();
        t.updatedAt = now;
        if (created) {
            t.persist();
        }
        return new Saved(measure(org, t), created);
    }

    /** One suggestion per metric from the organization's last 30 days. */
    public LearningTargetSuggestResponse suggestTargets(SecurityIdentity caller, UUID organizationId, UUID teamId) {
        ScopeReader.Scope scope = scopes.read(caller, organizationId, teamId, null, null);
        LocalDate today = scopes.today();
        LocalDate from = today.minusDays(ObjectiveService.MEASURED_DAYS - 1);
        Metric.Aggregate measured = scope.aggregate(from, today);
        List<LearningTargetSuggestion> list = new ArrayList<>();
        for (Metric m : Metric.values()) {
            double current = m.value(measured);
            double suggested = m.suggestTarget(current);
            String period = m == Metric.SESSIONS ? "month" : "quarter";
            list.add(new LearningTargetSuggestion(m.key, m.label, m.unit, current, suggested, period,
                    "Measured " + ObjectiveService.format(current) + " " + m.unit + " over the last " + ObjectiveService.MEASURED_DAYS
                            + " days; aim for " + ObjectiveService.format(suggested) + " per " + period + ".",
                    new LearningTargetCreateRequest(m.key, suggested, period, teamId)));
        }
        return new LearningTargetSuggestResponse(from, today, list);
    }

    private LearningTargetResponse measure(Organization org, LearningTarget t) {
        LocalDate today = scopes.today();
        LocalDate start = switch (t.period) {
            case "week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> today.withDayOfMonth(1);
            default -> today.with(IsoFields.DAY_OF_QUARTER, 1);
        };
        LocalDate end = switch (t.period) {
            case "week" -> start.plusDays(6);
            case "month" -> start.plusMonths(1).minusDays(1);
            default -> ObjectiveService.endOfQuarter(today);
        };
        ScopeReader.Scope scope = scopes.period(org, t.teamId, start, today);
        Metric m = Metric.of(t.metric).orElseThrow();
        double current = m.value(scope.aggregate(start, today));
        double target = t.targetValue.doubleValue();
        double progress = Metric.progress(current, 0, target);
        // on track: at least as far as the share of the period that has passed (volumes), or at the level (rates, scores)
        double elapsed = (ChronoUnit.DAYS.between(start, today) + 1.0) / (ChronoUnit.DAYS.between(start, end) + 1.0);
        boolean volume = m == Metric.SESSIONS;
        String status = current >= target ? "achieved" : (volume ? progress >= elapsed * 100 : progress >= 90) ? "on_track" : "behind";
        return new LearningTargetResponse(t.id, t.teamId, m.key, m.label, m.unit, target, t.period, start, end, current, progress, status,
                t.createdAt, t.updatedAt);
    }

}
