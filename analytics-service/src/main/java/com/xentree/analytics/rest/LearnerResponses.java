package com.xentree.analytics.rest;

import com.xentree.events.QuestItem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Bodies of the learner analytics endpoints, in the API documents' snake_case style. */
public final class LearnerResponses {

    private LearnerResponses() {
    }

    /** {@code StreakStatusResponse}. {@code freezes_used}: days of the last 30 a freeze bridged. */
    public record StreakStatusResponse(int currentStreak, int longestStreak, int dayOnlyStreak, boolean activeToday, boolean atRisk,
            LocalDate lastActiveDate, int freezesAvailable, List<LocalDate> freezesUsed, int nextMilestone, String timeZone) {
    }

    public record StreakRepairResponse(LocalDate repairedDate, StreakStatusResponse streak) {
    }

    public record WeeklyDay(LocalDate date, String weekday, long xp, long learningMinutes, boolean active) {
    }

    /** {@code WeeklyActivityResponse}: the 7 local days of one ISO week and the week before for comparison. */
    public record WeeklyActivityResponse(LocalDate weekStart, LocalDate weekEnd, List<WeeklyDay> days, long totalXp,
            long totalLearningMinutes, int activeDays, long previousWeekTotalXp, long delta, Double deltaPct, String timeZone) {
    }

    /** {@code LearningPulseDayEntry}. */
    public record LearningPulseDayEntry(LocalDate date, long learningTime, int sessions, int level) {
    }

    public record LearningPulseSummary(long totalLearningTime, long totalSessions, int activeDays, LocalDate periodStart,
            LocalDate periodEnd) {
    }

    /** {@code LearningPulseResponse}: the same shape as the admin pulse. */
    public record LearningPulseResponse(List<LearningPulseDayEntry> activityData, LearningPulseSummary summary) {
    }

    /** {@code QuestsResponse}: today's three quests. */
    public record QuestsResponse(LocalDate date, List<QuestItem> quests, int completedCount) {
    }

    public record SourceTime(String source, long minutes, long sessions, double sharePct) {
    }

    public record DayTime(LocalDate date, long minutes) {
    }

    public record PeriodComparison(LocalDate startDate, LocalDate endDate, long totalMinutes, long delta, Double deltaPct,
            String direction) {
    }

    /** {@code LearningTimeAnalyticsResponse}. Minutes are whole minutes per day; totals add the days up. */
    public record LearningTimeAnalyticsResponse(String period, LocalDate startDate, LocalDate endDate, int days, long totalMinutes,
            double dailyAverageMinutes, int activeDays, List<SourceTime> bySource, List<DayTime> byDay, DayTime bestDay,
            PeriodComparison previousPeriod) {
    }

    public record AchievementItem(String achievementId, String name, String description, int progress, int progressMax,
            boolean isCompleted, Instant completedAt) {
    }

    public record AchievementsResponse(List<AchievementItem> achievements, int completedCount) {
    }

    public record DetailStats(long totalXp, int level, int totalAchievements, int totalQuestsCompleted, int totalQuestsStarted,
            int totalBoostsEarned, long totalLearningMinutes, int activeDays) {
    }

    public record Challenge(String questId, LocalDate questDate, String title, String category, String status, int targetValue,
            int currentProgress, Instant completedAt) {
    }

    public record Reward(String questId, String type, double multiplier, int durationMinutes, Instant grantedAt, Instant expiresAt) {
    }

    public record StreakSummary(int currentStreak, int longestStreak, int dayOnlyStreak, LocalDate lastActiveDate) {
    }

    /** The consolidated view of one user (cf. the peer "user details" API), snake_case. */
    public record UserDetailsResponse(String userId, String username, String email, String fullName, String profilePictureUrl,
            Instant createdAt, DetailStats stats, Map<String, Long> xpBreakdown, List<AchievementItem> achievements,
            List<Challenge> challenges, List<Reward> rewards, StreakSummary streaks) {
    }

    public record LeaderboardEntry(int rank, String username, String fullName, String profilePictureUrl, long xp, boolean isMe) {
    }

    /** The caller's own standing; {@code rank} null when they have no XP on this board. */
    public record MyRank(Integer rank, long xp, boolean listed, List<LeaderboardEntry> neighbours) {
    }

    public record LeaderboardResponse(String board, String scope, String organizationId, Instant updatedAt, List<LeaderboardEntry> entries,
            MyRank me) {
    }
}
