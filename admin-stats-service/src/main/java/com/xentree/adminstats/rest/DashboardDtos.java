package com.xentree.adminstats.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.xentree.adminstats.MemberStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The admin stats bodies, exactly as the API document names them (AdminStats*). */
public final class DashboardDtos {

    private DashboardDtos() {
    }

    public record OrganizationSummary(UUID id, String name, String slug, long memberCount) {
    }

    public record DateRangeSummary(LocalDate startDate, LocalDate endDate, LocalDate previousStartDate, LocalDate previousEndDate,
            int days) {
    }

    /** {@code AdminStatsKPIStat}: {@code delta_pct} is null when the previous value is 0. */
    public record KpiStat(String key, String label, double value, double previousValue, double delta, Double deltaPct, String unit,
            String direction) {
    }

    public record PulseDay(LocalDate date, long learningTime, long sessions, int level) {
    }

    public record PulseSummary(long totalLearningTime, long totalSessions, int activeDays, LocalDate periodStart, LocalDate periodEnd) {
    }

    public record Pulse(List<PulseDay> activityData, PulseSummary summary) {
    }

    public record TrendPoint(LocalDate date, double totalLearningHours, double avgLearningHoursPerMember) {
    }

    public record DistributionBucket(String bucket, long memberCount) {
    }

    public record CohortRetentionCell(int period, String label, long retainedUsers, double retentionRate) {
    }

    public record CohortRetentionRow(String cohort, LocalDate cohortStartDate, long cohortSize, List<CohortRetentionCell> periods) {
    }

    public record CohortAnalyticsRow(String cohort, LocalDate cohortStartDate, long cohortSize,
            @JsonProperty("week_1_retention") Double week1Retention,
            Double latestRetention, long retainedUsersLatest) {
    }

    public record CohortRetentionAnalytics(List<KpiStat> metrics, List<CohortAnalyticsRow> topCohorts) {
    }

    public record CohortRetention(List<String> periods, List<CohortRetentionRow> cohorts, CohortRetentionAnalytics analytics) {
    }

    public record MemberActivityRow(String userId, String username, String fullName, String email, String avatarUrl, long learningTime,
            long sessions, int activeDays, Instant lastActive, @Schema(description = MemberStatus.DESCRIPTION) String status) {
    }

    public record Affiliation(UUID organizationId, String organizationName, UUID teamId, String teamName) {
    }

    public record MemberDirectoryRow(String userId, String username, String fullName, String email, String avatarUrl, Instant joinDate,
            String subscriptionPlan, String accountStatus, @Schema(description = MemberStatus.DESCRIPTION) String status, Instant lastActive, List<String> organizations,
            List<String> teams, List<Affiliation> affiliations) {
    }

    /** {@code AdminStatsDashboardResponse}: the engagement tab. */
    public record DashboardResponse(OrganizationSummary organization, DateRangeSummary dateRange, List<KpiStat> kpis, Pulse pulse,
            List<TrendPoint> trend, List<DistributionBucket> activityDistribution, CohortRetention retention,
            List<MemberActivityRow> memberActivity, List<MemberDirectoryRow> memberDirectory) {
    }

    public record MemberSessionDay(LocalDate date, long sessions, long learningTime) {
    }

    /** {@code AdminStatsUserDetailResponse}: one member's engagement. */
    public record UserDetailResponse(OrganizationSummary organization, DateRangeSummary dateRange, MemberDirectoryRow member,
            List<KpiStat> kpis, Pulse pulse, List<TrendPoint> trend, List<MemberSessionDay> sessions, List<Affiliation> affiliations,
            @Schema(description = MemberStatus.DESCRIPTION) String status) {
    }
}
