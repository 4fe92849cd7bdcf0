package com.xentree.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The streak rule of DESIGN.md section 4, the only place it is defined.
 *
 * <ul>
 * <li>{@code day_only_streak}: consecutive active days ending today, or yesterday while today has no
 * activity yet.</li>
 * <li>{@code current_streak}: the same, but a missed day is bridged by a freeze if the user holds
 * one, and a repaired day counts as active. A bridged day keeps the streak alive without adding to
 * it. One freeze is earned per 7 consecutive counted days; at most 2 are held.</li>
 * <li>{@code longest_streak}: the largest {@code current_streak} ever reached.</li>
 * </ul>
 */
public final class Streaks {

    public static final int DAYS_PER_FREEZE = 7;
    public static final int MAX_FREEZES = 2;
    /** A repair may restore a missed day no further back than this. */
    public static final int REPAIR_WINDOW_DAYS = 2;
    private static final int[] MILESTONES = {3, 7, 14, 30, 50, 100, 180, 365, 500, 1000};

    /**
     * Where a user stands today. {@code *ValidThrough}: the last local day on which the figure still
     * holds if the user does nothing more (null when it is 0).
     */
    public record Status(int current, int longest, int dayOnly, boolean activeToday, boolean atRisk, LocalDate lastActiveDate,
            int freezesAvailable, List<LocalDate> freezesUsed, int nextMilestone, LocalDate currentValidThrough,
            LocalDate dayOnlyValidThrough) {
    }

    private Streaks() {
    }

    public static Status compute(Set<LocalDate> activeDays, Set<LocalDate> repairedDays, LocalDate today) {
        TreeSet<LocalDate> active = new TreeSet<>(new TreeSet<>(activeDays).headSet(today, true));
        TreeSet<LocalDate> counted = new TreeSet<>(active);
        for (LocalDate d : repairedDays) {
            if (!d.isAfter(today)) {
                counted.add(d);
            }
        }
        if (counted.isEmpty()) {
            return new Status(0, 0, 0, false, false, null, 0, List.of(), MILESTONES[0], null, null);
        }
        int current = 0;
        int longest = 0;
        int dayOnly = 0;
        int run = 0;
        int freezes = 0;
        int freezesAfterLastCounted = 0;
        LocalDate lastCounted = null;
        List<LocalDate> used = new ArrayList<>();
        for (LocalDate d = counted.first(); !d.isAfter(today); d = d.plusDays(1)) {
            boolean isToday = d.equals(today);
            if (active.contains(d)) {
                dayOnly++;
            } else if (!isToday) {
                dayOnly = 0;
            }
            if (counted.contains(d)) {
                current++;
                run++;
                if (run % DAYS_PER_FREEZE == 0 && freezes < MAX_FREEZES) {
                    freezes++;
                }
                longest = Math.max(longest, current);
                lastCounted = d;
                freezesAfterLastCounted = freezes;
            } else if (!isToday) { // today is not missed yet: the day is still going
                run = 0;
                if (current > 0 && freezes > 0) {
                    freezes--;
                    used.add(d);
                } else {
                    current = 0;
                }
            }
        }
        boolean activeToday = counted.contains(today);
        LocalDate lastActive = active.isEmpty() ? null : active.last();
        return new Status(current, longest, dayOnly, active.contains(today), current > 0 && !activeToday, lastActive, freezes, used,
                nextMilestone(current),
                current > 0 ? lastCounted.plusDays(1 + freezesAfterLastCounted) : null,
                dayOnly > 0 ? lastActive.plusDays(1) : null);
    }

    /**
     * The day a repair would restore today: the most recent missed day of the last
     * {@link #REPAIR_WINDOW_DAYS}, if there was a streak before it to restore.
     */
    public static Optional<LocalDate> repairableDay(Set<LocalDate> activeDays, Set<LocalDate> repairedDays, LocalDate today) {
        for (int back = 1; back <= REPAIR_WINDOW_DAYS; back++) {
            LocalDate d = today.minusDays(back);
            if (!activeDays.contains(d) && !repairedDays.contains(d)) {
                LocalDate before = d;
                boolean streakBefore = activeDays.stream().anyMatch(a -> a.isBefore(before))
                        || repairedDays.stream().anyMatch(a -> a.isBefore(before));
                return streakBefore ? Optional.of(d) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public static int nextMilestone(int streak) {
        for (int m : MILESTONES) {
            if (m > streak) {
                return m;
            }
        }
        return (streak / 1000 + 1) * 1000;
    }
}
