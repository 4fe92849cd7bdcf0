package com.xentree.adminstats.service;

import com.xentree.adminstats.Kpis;
import com.xentree.adminstats.MemberStatus;
import com.xentree.adminstats.Metric;
import com.xentree.adminstats.rest.DashboardDtos.KpiStat;
import com.xentree.adminstats.rest.ProgressImpactDtos.KpiResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressDistributionBucket;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressDistributionResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressMemberAttempt;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressMemberRow;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressMemberSession;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressMembersResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressTrendPoint;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressTrendResponse;
import com.xentree.adminstats.service.Rollups.Day;
import com.xentree.adminstats.service.Rollups.Member;
import com.xentree.adminstats.service.Rollups.Range;
import com.xentree.foundation.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The progress tab: KPI cards, weekly trend, score distribution and the members table, all over the admin {@link Population}. */
@ApplicationScoped
public class ProgressService {

    public static final List<String> SORTS = List.of("learning_time", "sessions", "active_days", "attempts", "average_score", "last_active",
            "username");
    /** Recent sessions and attempts shown per member row. */
    public static final int RECENT = 5;

    public KpiResponse kpis(ScopeReader.Scope s) {
        Range r = s.range();
        Metric.Aggregate now = s.aggregate(r.start(), r.end());
        Metric.Aggregate before = s.aggregate(r.previousStart(), r.previousEnd());
        List<KpiStat> kpis = new ArrayList<>();
        for (Metric m : Metric.values()) {
            kpis.add(Kpis.of(m.key, m.label, m.value(now), m.value(before), m.unit));
        }
        kpis.add(Kpis.of("attempts", "Scored attempts", now.scoreCount(), before.scoreCount(), "attempts"));
        return new KpiResponse(s.organizationSummary(), s.dateRange(), kpis);
    }

    public ProgressTrendResponse trend(ScopeReader.Scope s) {
        List<ProgressTrendPoint> points = new ArrayList<>();
        for (LocalDate[] week : weeks(s.range())) {
            Metric.Aggregate a = s.aggregate(week[0], week[1]);
            points.add(new ProgressTrendPoint(week[0], week[1], a.activeMembers(), Kpis.round2(a.seconds() / 3600.0), a.sessions(),
                    a.scoreCount(), Metric.AVERAGE_SCORE.value(a)));
        }
        return new ProgressTrendResponse(s.dateRange(), "week", points);
    }

    /** Seven-day periods from the start of the range; the last one may be shorter. */
    static List<LocalDate[]> weeks(Range r) {
        List<LocalDate[]> weeks = new ArrayList<>();
        for (LocalDate d = r.start(); !d.isAfter(r.end()); d = d.plusDays(7)) {
            LocalDate end = d.plusDays(6).isAfter(r.end()) ? r.end() : d.plusDays(6);
            weeks.add(new LocalDate[] {d, end});
        }
        return weeks;
    }

    public ProgressDistributionResponse distribution(ScopeReader.Scope s) {
        Range r = s.range();
        String[] labels = {"no_score", "0-49", "50-69", "70-84", "85-100"};
        Integer[][] bounds = {{null, null}, {0, 49}, {50, 69}, {70, 84}, {85, 100}};
        long[] counts = new long[labels.length];
        for (Member m : s.population().members()) {
            Map<LocalDate, Day> d = s.days().getOrDefault(m.userId(), Map.of());
            long n = Rollups.sumOf(d, r.start(), r.end(), Day::scoreCount);
            if (n == 0) {
                counts[0]++;
                continue;
            }
            double avg = (double) Rollups.sumOf(d, r.start(), r.end(), Day::scoreSum) / n;
            counts[avg < 50 ? 1 : avg < 70 ? 2 : avg < 85 ? 3 : 4]++;
        }
        List<ProgressDistributionBucket> buckets = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            buckets.add(new ProgressDistributionBucket(labels[i], bounds[i][0], bounds[i][1], counts[i]));
        }
        return new ProgressDistributionResponse(s.dateRange(), "average_score", buckets);
    }

    public ProgressMembersResponse members(ScopeReader.Scope s, int page, int size, String sort, String order) {
        if (!SORTS.contains(sort)) {
            throw new ApiException(422, "sort: one of " + String.join(", ", SORTS));
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new ApiException(422, "order: asc or desc");
        }
        Range r = s.range();
        List<ProgressMemberRow> rows = new ArrayList<>();
        for (Member m : s.population().members()) {
            Map<LocalDate, Day> d = s.days().getOrDefault(m.userId(), Map.of());
            TreeMap<LocalDate, Day> inRange = new TreeMap<>(Comparator.reverseOrder());
            d.forEach((day, v) -> {
                if (r.contains(day)) {
                    inRange.put(day, v);
                }
            });
            List<ProgressMemberSession> sessions = inRange.entrySet().stream().filter(e -> e.getValue().active()).limit(RECENT)
                    .map(e -> new ProgressMemberSession(e.getKey(), e.getValue().sessions(), e.getValue().seconds() / 60)).toList();
            List<ProgressMemberAttempt> attempts = inRange.entrySet().stream().filter(e -> e.getValue().scoreCount() > 0).limit(RECENT)
                    .map(e -> new ProgressMemberAttempt(e.getKey(), e.getValue().scoreCount(),
                            Kpis.round1((double) e.getValue().scoreSum() / e.getValue().scoreCount()))).toList();
            long n = Rollups.sumOf(d, r.start(), r.end(), Day::scoreCount);
            rows.add(new ProgressMemberRow(m.userId(), m.username(), m.fullName(), m.email(),
                    m.teamId() == null ? null : s.teams().get(m.teamId()), Rollups.sumOf(d, r.start(), r.end(), Day::seconds) / 60,
                    Rollups.sumOf(d, r.start(), r.end(), Day::sessions), Rollups.activeDays(d, r.start(), r.end()), n,
                    n == 0 ? null : Kpis.round1((double) Rollups.sumOf(d, r.start(), r.end(), Day::scoreSum) / n), m.lastActiveAt(),
                    MemberStatus.of(m.lastActiveDay(), r.end()), sessions, attempts));
        }
        Comparator<ProgressMemberRow> by = switch (sort) {
            case "sessions" -> nullsFirst(ProgressMemberRow::sessions);
            case "active_days" -> nullsFirst(ProgressMemberRow::activeDays);
            case "attempts" -> nullsFirst(ProgressMemberRow::attempts);
            case "average_score" -> nullsFirst(ProgressMemberRow::averageScore);
            case "last_active" -> nullsFirst(ProgressMemberRow::lastActive);
            case "username" -> nullsFirst(ProgressMemberRow::username);
            default -> nullsFirst(ProgressMemberRow::learningTime);
        };
        if (order.equals("desc")) {
            by = by.reversed();
        }
        rows.sort(by.thenComparing(ProgressMemberRow::userId));
        int from = (int) Math.min((long) page * size, rows.size());
        return new ProgressMembersResponse(s.dateRange(), rows.subList(from, Math.min(from + size, rows.size())), page, size, rows.size(),
                sort, order);
    }

    private static <T extends Comparable<? super T>> Comparator<ProgressMemberRow> nullsFirst(Function<ProgressMemberRow, T> key) {
        return Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
