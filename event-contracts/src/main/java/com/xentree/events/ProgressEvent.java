package com.xentree.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * {@code analytics.progress.v1}: progress facts analytics-service derives, discriminated by
 * {@code type} ({@link #STREAK_CHANGED}, {@link #QUEST_COMPLETED}, {@link #ACHIEVEMENT_UNLOCKED}).
 * Fields that do not apply to a type are null.
 */
public record ProgressEvent(
        UUID eventId,
        Instant occurredAt,
        String userId,
        String type,
        Integer currentStreak,
        Integer longestStreak,
        Integer dayOnlyStreak,
        String questId,
        LocalDate questDate,
        Double rewardMultiplier,
        Integer rewardDuration,
        String achievementId) {

    public static final String STREAK_CHANGED = "streak_changed";
    public static final String QUEST_COMPLETED = "quest_completed";
    public static final String ACHIEVEMENT_UNLOCKED = "achievement_unlocked";
}
