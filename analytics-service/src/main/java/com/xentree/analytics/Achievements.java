package com.xentree.analytics;

import java.util.List;
import java.util.Optional;

/** The achievement catalogue and how far a learner is towards each achievement. */
public final class Achievements {

    public enum Measure { LONGEST_STREAK, LEARNING_HOURS, LEVEL, QUESTS_COMPLETED }

    public record Achievement(String id, String name, String description, Measure measure, int goal) {
    }

    /** What the achievements are measured against. */
    public record Standing(int longestStreak, long learningSeconds, int level, int questsCompleted) {

        long value(Measure m) {
            return switch (m) {
                case LONGEST_STREAK -> longestStreak;
                case LEARNING_HOURS -> learningSeconds / 3600;
                case LEVEL -> level;
                case QUESTS_COMPLETED -> questsCompleted;
            };
        }
    }

    public static final List<Achievement> CATALOGUE = List.of(
            streak(3), streak(7), streak(30), streak(100), streak(365),
            new Achievement("learning_hours_1", "First hour", "Learn for 1 hour in total", Measure.LEARNING_HOURS, 1),
            new Achievement("learning_hours_10", "Ten hours", "Learn for 10 hours in total", Measure.LEARNING_HOURS, 10),
            new Achievement("learning_hours_100", "A hundred hours", "Learn for 100 hours in total", Measure.LEARNING_HOURS, 100),
            level(5), level(10), level(25),
            new Achievement("quests_1", "First quest", "Complete a daily quest", Measure.QUESTS_COMPLETED, 1),
            new Achievement("quests_10", "Quest regular", "Complete 10 daily quests", Measure.QUESTS_COMPLETED, 10),
            new Achievement("quests_50", "Quest master", "Complete 50 daily quests", Measure.QUESTS_COMPLETED, 50));

    private Achievements() {
    }

    /** What the catalogue's achievement {@code id} measures; empty for an id not in the catalogue. */
    public static Optional<Measure> measureOf(String id) {
        return CATALOGUE.stream().filter(a -> a.id().equals(id)).findFirst().map(Achievement::measure);
    }

    /** Progress towards the achievement, capped at its goal. */
    public static int progress(Achievement a, Standing s) {
        return (int) Math.min(a.goal(), s.value(a.measure()));
    }

    private static Achievement streak(int days) {
        return new Achievement("streak_" + days, days + "-day streak", "Reach a streak of " + days + " days", Measure.LONGEST_STREAK, days);
    }

    private static Achievement level(int level) {
        return new Achievement("level_" + level, "Level " + level, "Reach level " + level, Measure.LEVEL, level);
    }
}
