package com.xentree.analytics.service;

import com.xentree.analytics.Achievements;
import com.xentree.analytics.Streaks;
import com.xentree.analytics.rest.LearnerResponses.AchievementItem;
import com.xentree.analytics.rest.UserDetailsV2.Period;
import com.xentree.analytics.rest.UserDetailsV2.Streak;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The two streaks we keep, as the user-details document's {@code streaks}: the learning streak
 * ({@code current_streak}: freezes bridge a missed day, repairs restore one) and the day-only streak
 * (strictly consecutive active days). Each with the runs of days it was made of.
 */
final class StreakViews {

    static final String LEARNING_STREAK = "learning_streak";
    static final String DAY_ONLY_STREAK = "day_only_streak";

    private StreakViews() {
    }

    static List<Streak> of(Streaks.Status status, Set<LocalDate> activeDays, Set<LocalDate> repairedDays, LocalDate today,
            Instant lastActivity, List<AchievementItem> achievements) {
        TreeSet<LocalDate> active = new TreeSet<>(activeDays.stream().filter(d -> !d.isAfter(today)).toList());
        TreeSet<LocalDate> kept = new TreeSet<>(active);
        kept.addAll(repairedDays.stream().filter(d -> !d.isAfter(today)).toList());
        kept.addAll(status.freezesUsed());
        AchievementItem next = nextStreakAchievement(achievements);
        List<Period> dayOnlyRuns = runs(active);
        return List.of(
                new Streak(LEARNING_STREAK, next == null ? "" : next.achievementId(), next == null ? "" : next.name(), "", "",
                        status.current(), status.longest(), lastActivity, runs(kept)),
                new Streak(DAY_ONLY_STREAK, "", "", "", "", status.dayOnly(), longest(dayOnlyRuns), lastActivity, dayOnlyRuns));
    }

    /** The streak achievement the learning streak works towards: the first not unlocked, else the last. */
    private static AchievementItem nextStreakAchievement(List<AchievementItem> achievements) {
        Set<String> streakIds = Achievements.CATALOGUE.stream().filter(a -> a.measure() == Achievements.Measure.LONGEST_STREAK)
                .map(Achievements.Achievement::id).collect(Collectors.toSet());
        List<AchievementItem> streakOnes = achievements.stream().filter(a -> streakIds.contains(a.achievementId())).toList();
        return streakOnes.stream().filter(a -> !a.isCompleted()).findFirst()
                .orElse(streakOnes.isEmpty() ? null : streakOnes.get(streakOnes.size() - 1));
    }

    /** Runs of consecutive days, oldest first. */
    static List<Period> runs(Collection<LocalDate> sortedDays) {
        List<Period> runs = new ArrayList<>();
        LocalDate start = null;
        LocalDate end = null;
        for (LocalDate d : sortedDays) {
            if (end != null && d.equals(end.plusDays(1))) {
                end = d;
                continue;
            }
            if (start != null) {
                runs.add(new Period(start, end));
            }
            start = d;
            end = d;
        }
        if (start != null) {
            runs.add(new Period(start, end));
        }
        return runs;
    }

    private static int longest(List<Period> runs) {
        return runs.stream().mapToInt(p -> (int) (p.end().toEpochDay() - p.start().toEpochDay() + 1)).max().orElse(0);
    }
}
