package com.xentree.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code GET /api/v2/analytics/users/details}, exactly as the user-details document
 * ({@code seeds/002}) shows it: camelCase keys (this service otherwise writes snake_case), every key
 * present. A string that does not apply is {@code ""}, a date that does not apply {@code null}.
 */
public final class UserDetailsV2 {

    private UserDetailsV2() {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record Response(String userId, String username, String email, Instant createdAt, Stats stats, XpBreakdown xpBreakdown,
            List<Achievement> achievements, List<Challenge> challenges, List<RewardAsset> rewardAssets, List<RewardEntry> rewardEntries,
            List<Streak> streaks, String displayName, String profilePictureUrl) {
    }

    /** {@code totalPoints} and {@code totalXP} are the same figure: XP is our only currency. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record Stats(long totalPoints, long totalXP, int currentLevel, int totalAchievements, int totalChallengesCompleted,
            int totalChallengesStarted, int totalRewardsEarned) {
    }

    /** XP by the six dimensions of the document; {@code total} also holds XP of categories mapped to none. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record XpBreakdown(long knowledge, long creativity, long participation, long loyalty, long influence, long contribution,
            long total) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record Achievement(String achievementId, String achievementName, int progress, int progressMax, boolean isCompleted,
            String achievementDescription, Instant completedAt, Instant lastUpdatedAt, Instant expiresAt, String bannerUrl,
            String rewardId, String rewardName, String progressSummary) {
    }

    /** One daily quest. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record Challenge(String challengeId, String status, long pointsEarned, long xpEarned, int attemptsCount, int actionsCompleted,
            int successRate, String challengeName, Instant startedAt, Instant completedAt, Instant lastAttemptAt, String bannerUrl) {
    }

    /** A boost or an achievement badge the user earned. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record RewardAsset(String rewardId, String rewardName, String type, String id, String description, String bannerUrl,
            Instant acquiredAt, Instant claimedAt, Instant redeemedAt, Instant expiresAt, boolean expired, String status,
            String redeemableType, String code, String allocationId, String eventCategory, String eventSubCategory, String eventSourceId,
            String communityId) {
    }

    /** The document's raffle-style entries; we grant none, so the list is always empty. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record RewardEntry(String rewardId, String rewardName, String type, String id, String description, int entryCount,
            Instant acquiredAt, Instant claimedAt, Instant redeemedAt, Instant expiresAt, boolean expired, String status,
            String redeemableType, String code, String allocationId, String eventCategory, String eventSubCategory, String eventSourceId,
            String communityId, String bannerUrl) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record Streak(String id, String achievementId, String achievementName, String communityId, String communityName,
            int currentStreak, int longestStreak, Instant lastExtendedAt, List<Period> streakPeriods) {
    }

    /** A run of consecutive days, both ends included (the user's local dates). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @RegisterForReflection
    public record Period(LocalDate start, LocalDate end) {
    }
}
