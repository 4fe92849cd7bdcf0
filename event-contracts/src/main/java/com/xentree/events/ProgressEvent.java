package com.xentree.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code analytics.progress.v1}: progress facts analytics-service derives, discriminated by
 * {@code type}. Fields that do not apply to a type are null.
 *
 * <ul>
 * <li>{@link #STREAK_CHANGED}: the three streak figures, and until which local day each holds if the
 * user does nothing more ({@code *_valid_through}); readers show 0 after that day, so they never
 * repeat the streak rule.</li>
 * <li>{@link #QUEST_COMPLETED}: a quest was completed at {@code occurred_at}; it grants an XP boost of
 * {@code reward_multiplier} for {@code reward_duration} minutes from then.</li>
 * <li>{@link #QUESTS_CHANGED}: the user's quests of {@code quest_date}, as a whole (newest wins).</li>
 * <li>{@link #ACHIEVEMENT_UNLOCKED}: {@code achievement_id} was unlocked.</li>
 * </ul>
 */
public record ProgressEvent(
        UUID eventId,
        Instant occurredAt,
        String userId,
        String type,
        Integer currentStreak,
        Integer longestStreak,
        Integer dayOnlyStreak,
        LocalDate currentStreakValidThrough,
        LocalDate dayOnlyStreakValidThrough,
        String questId,
        LocalDate questDate,
        Double rewardMultiplier,
        Integer rewardDuration,
        List<QuestItem> quests,
        String achievementId) {

    public ProgressEvent {
        occurredAt = EventTime.of(occurredAt);
    }

    public static final String STREAK_CHANGED = "streak_changed";
    public static final String QUEST_COMPLETED = "quest_completed";
    public static final String QUESTS_CHANGED = "quests_changed";
    public static final String ACHIEVEMENT_UNLOCKED = "achievement_unlocked";
    public static final Set<String> TYPES = Set.of(STREAK_CHANGED, QUEST_COMPLETED, QUESTS_CHANGED, ACHIEVEMENT_UNLOCKED);

    /** A boost above this is a bug in a quest template, not a reward. */
    public static final double MAX_REWARD_MULTIPLIER = 10.0;
    /** A boost lasts at most one day. */
    public static final int MAX_REWARD_DURATION_MINUTES = 1440;

    public static ProgressEvent streakChanged(UUID eventId, Instant at, String userId, int current, int longest, int dayOnly,
            LocalDate currentValidThrough, LocalDate dayOnlyValidThrough) {
        return new ProgressEvent(eventId, at, userId, STREAK_CHANGED, current, longest, dayOnly, currentValidThrough,
                dayOnlyValidThrough, null, null, null, null, null, null);
    }

    public static ProgressEvent questCompleted(UUID eventId, Instant at, String userId, String questId, LocalDate questDate,
            double multiplier, int durationMinutes) {
        return new ProgressEvent(eventId, at, userId, QUEST_COMPLETED, null, null, null, null, null, questId, questDate,
                multiplier, durationMinutes, null, null);
    }

    public static ProgressEvent questsChanged(UUID eventId, Instant at, String userId, LocalDate questDate, List<QuestItem> quests) {
        return new ProgressEvent(eventId, at, userId, QUESTS_CHANGED, null, null, null, null, null, null, questDate, null, null,
                quests, null);
    }

    public static ProgressEvent achievementUnlocked(UUID eventId, Instant at, String userId, String achievementId) {
        return new ProgressEvent(eventId, at, userId, ACHIEVEMENT_UNLOCKED, null, null, null, null, null, null, null, null, null,
                null, achievementId);
    }

    /** Everything wrong with this event, as "field: problem" messages; empty when it is valid. */
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        if (eventId == null) {
            problems.add("event_id: required (UUID)");
        }
        if (occurredAt == null) {
            problems.add("occurred_at: required");
        }
        if (userId == null || userId.isBlank()) {
            problems.add("user_id: required");
        }
        if (type == null || !TYPES.contains(type)) {
            problems.add("type: one of " + String.join(", ", TYPES.stream().sorted().toList()));
            return problems;
        }
        switch (type) {
            case STREAK_CHANGED -> {
                for (Integer figure : new Integer[] {currentStreak, longestStreak, dayOnlyStreak}) {
                    if (figure == null || figure < 0) {
                        problems.add("current_streak, longest_streak, day_only_streak: required, not negative");
                        break;
                    }
                }
            }
            case QUEST_COMPLETED -> {
                if (rewardMultiplier == null || !(rewardMultiplier >= 1.0 && rewardMultiplier <= MAX_REWARD_MULTIPLIER)) {
                    problems.add("reward_multiplier: required, between 1 and " + MAX_REWARD_MULTIPLIER);
                }
                if (rewardDuration == null || rewardDuration < 1 || rewardDuration > MAX_REWARD_DURATION_MINUTES) {
                    problems.add("reward_duration: required, 1-" + MAX_REWARD_DURATION_MINUTES + " minutes");
                }
            }
            case QUESTS_CHANGED -> {
                if (questDate == null) {
                    problems.add("quest_date: required");
                }
                if (quests == null) {
                    problems.add("quests: required");
                }
            }
            default -> {
                if (achievementId == null || achievementId.isBlank()) {
                    problems.add("achievement_id: required");
                }
            }
        }
        return problems;
    }
}
