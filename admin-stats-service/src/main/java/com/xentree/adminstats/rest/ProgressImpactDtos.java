package com.xentree.adminstats.rest;

import com.xentree.adminstats.MemberStatus;
import com.xentree.adminstats.rest.DashboardDtos.DateRangeSummary;
import com.xentree.adminstats.rest.DashboardDtos.KpiStat;
import com.xentree.adminstats.rest.DashboardDtos.OrganizationSummary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the progress and impact tabs, named after the API document's schemas. */
public final class ProgressImpactDtos {

    private ProgressImpactDtos() {
    }

    /** {@code ProgressKPIResponse} and {@code ImpactKPIResponse}: KPI cards with the previous period. */
    public record KpiResponse(OrganizationSummary organization, DateRangeSummary dateRange, List<KpiStat> kpis) {
    }

    public record ProgressTrendPoint(LocalDate periodStart, LocalDate periodEnd, long activeMembers, double learningHours, long sessions,
            long attempts, double averageScore) {
    }

    /** {@code ProgressTrendResponse}: weekly points from the start of the range. */
    public record ProgressTrendResponse(DateRangeSummary dateRange, String granularity, List<ProgressTrendPoint> points) {
    }

    public record ProgressDistributionBucket(String bucket, Integer min, Integer max, long memberCount) {
    }

    /** {@code ProgressDistributionResponse}: members by their average score in the range. */
    public record ProgressDistributionResponse(DateRangeSummary dateRange, String metric, List<ProgressDistributionBucket> buckets) {
    }

    public record ProgressMemberSession(LocalDate date, long sessions, long learningTime) {
    }

    public record ProgressMemberAttempt(LocalDate date, long attempts, double averageScore) {
    }

    public record ProgressMemberRow(String userId, String username, String fullName, String email, String teamName, long learningTime,
            long sessions, long activeDays, long attempts, Double averageScore, Instant lastActive, @Schema(description = MemberStatus.DESCRIPTION) String status,
            List<ProgressMemberSession> recentSessions, List<ProgressMemberAttempt> recentAttempts) {
    }

    /** {@code ProgressMembersResponse}: one page of member rows. */
    public record ProgressMembersResponse(DateRangeSummary dateRange, List<ProgressMemberRow> items, int page, int size, long total,
            String sort, String order) {
    }

    /** {@code ProgressKeyResultPayload}: baseline 0 unless given. */
    public record KeyResultPayload(@NotBlank String metric, @NotNull @PositiveOrZero Double target, @PositiveOrZero Double baseline) {
    }

    /** {@code ProgressObjectiveCreateRequest}. */
    public record ObjectiveCreateRequest(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String description,
            @NotNull LocalDate startDate, @NotNull LocalDate dueDate, @NotEmpty @Size(max = 5) List<@Valid @NotNull KeyResultPayload> keyResults) {
    }

    /** {@code ProgressObjectiveKeyResult}: {@code current} is measured over the objective's period so far. */
    public record ObjectiveKeyResult(UUID id, String metric, String label, String unit, double baseline, double target, double current,
            double progressPct) {
    }

    /** {@code ProgressObjectiveResponse}. */
    public record ObjectiveResponse(UUID id, String title, String description, LocalDate startDate, LocalDate dueDate, String status,
            double progressPct, List<ObjectiveKeyResult> keyResults, Instant createdAt, Instant archivedAt) {
    }

    public record ObjectiveListResponse(List<ObjectiveResponse> objectives) {
    }

    /** {@code ProgressObjectiveSuggestRequest}: which metrics (default all) and the due date (default the end of the quarter). */
    public record ObjectiveSuggestRequest(@Size(max = 4) List<String> metrics, LocalDate dueDate) {
    }

    /** {@code ProgressObjectiveSuggestedItem}: measured value, suggested target and a draft ready to POST. */
    public record ObjectiveSuggestedItem(String metric, String label, String unit, double currentValue, double suggestedTarget,
            String rationale, ObjectiveCreateRequest draft) {
    }

    /** {@code ProgressObjectiveSuggestResponse}. */
    public record ObjectiveSuggestResponse(LocalDate measuredFrom, LocalDate measuredTo, List<ObjectiveSuggestedItem> suggestions) {
    }

    public record ImpactTrendPoint(LocalDate periodStart, LocalDate periodEnd, double learningHours, long xp, double averageLvi) {
    }

    /** {@code ImpactTrendResponse}: weekly points from the start of the range. */
    public record ImpactTrendResponse(DateRangeSummary dateRange, String granularity, List<ImpactTrendPoint> points) {
    }

    public record ImpactLevelItem(int level, long membersAtStart, long membersAtEnd) {
    }

    /** {@code ImpactLevelProgressionResponse}: members per level the day before the range and at its end. */
    public record ImpactLevelProgressionResponse(DateRangeSummary dateRange, List<ImpactLevelItem> levels, long membersLevelledUp,
            double averageLevelAtStart, double averageLevelAtEnd) {
    }

    public record ImpactTeamBreakdownItem(UUID teamId, String teamName, long memberCount, long activeMembers, double learningHours,
            long xp, Double averageScore, double averageLvi) {
    }

    public record ImpactTeamBreakdownResponse(DateRangeSummary dateRange, List<ImpactTeamBreakdownItem> teams) {
    }

    public record ImpactTopPerformerItem(int rank, String userId, String username, String fullName, String teamName, double lvi,
            double learningHours, long activeDays, long xp, Double averageScore) {
    }

    public record ImpactTopPerformersResponse(DateRangeSummary dateRange, Map<String, Double> weights, List<ImpactTopPerformerItem> performers) {
    }

    /** {@code LearningTargetCreateRequest}: one target per metric and team (none: the whole organization). */
    public record LearningTargetCreateRequest(@NotBlank String metric, @NotNull @PositiveOrZero Double targetValue, @NotBlank String period,
            UUID teamId) {
    }

    /** {@code LearningTargetResponse}: {@code current_value} measured over the current period to date. */
    public record LearningTargetResponse(UUID id, UUID teamId, String metric, String label, String unit, double targetValue, String period,
            LocalDate periodStart, LocalDate periodEnd, double currentValue, double progressPct, String status, Instant createdAt,
            Instant updatedAt) {
    }

    public record LearningTargetListResponse(List<LearningTargetResponse> targets) {
    }

    public record LearningTargetSuggestion(String metric, String label, String unit, double currentValue, double suggestedValue,
            String period, String rationale, LearningTargetCreateRequest draft) {
    }

    public record LearningTargetSuggestResponse(LocalDate measuredFrom, LocalDate measuredTo, List<LearningTargetSuggestion> suggestions) {
    }

    /** {@code LVIWeightResponse}. */
    public record LviWeightResponse(UUID organizationId, Map<String, Double> weights, boolean isDefault, Instant updatedAt) {
    }

    /** {@code LVIWeightUpdateRequest}: every component, non-negative, summing to 1. */
    public record LviWeightUpdateRequest(Map<String, Double> weights) {
    }
}
