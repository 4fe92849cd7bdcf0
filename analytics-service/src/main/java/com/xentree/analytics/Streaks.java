package com.xentree.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;

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

    public static Status compute(Collection<LocalDate> activeDays, Collection<LocalDate> repairedDays, LocalDate today) {
        // days as offsets from the first counted day, in arrays: this runs for every touched user of every ingest batch
        long end = today.toEpochDay();
        long[] activeUpToToday = activeDays.stream().mapToLong(LocalDate::toEpochDay).filter(n -> n <= end).toArray();
        long[] repairedUpToToday = repairedDays.stream().mapToLong(LocalDate::toEpochDay).filter(n -> n <= end).toArray();
        OptionalLong firstCounted = LongStream.concat(LongStream.of(activeUpToToday), LongStream.of(repairedUpToToday)).min();
        if (firstCounted.isEmpty()) {
            return new Status(0, 0, 0, false, false, null, 0, List.of(), MILESTONES[0], null, null);
        }
        long first = firstCounted.getAsLong();
        int days = Math.toIntExact(end - first + 1);
        boolean[] active = new boolean[days];
        boolean[] counted = new boolean[days];
        for (long n : activeUpToToday) {
            active[(int) (n - first)] = true;
            counted[(int) (n - first)] = true;
        }
        for (long n : repairedUpToToday) {
            counted[(int) (n - first)] = true;
        }
        int current = 0;
        int longest = 0;
        int dayOnly = 0;
        int run = 0;
        int freezes = 0;
        int freezesAfterLastCounted = 0;
        int lastCounted = -1;
        List<LocalDate> used = new ArrayList<>();
        int todayIndex = days - 1;
        for (int i = 0; i < days; i++) {
            boolean isToday = i == todayIndex;
            if (active[i]) {
                dayOnly++;
            } else if (!isToday) {
                dayOnly = 0;
            }
            if (counted[i]) {
                current++;
                run++;
                if (run % DAYS_PER_FREEZE == 0 && freezes < MAX_FREEZES) {
                    freezes++;
                }
                longest = Math.max(longest, current);
                lastCounted = i;
                freezesAfterLastCounted = freezes;
            } else if (!isToday) { // today is not missed yet: the day is still going
                run = 0;
                if (current > 0 && freezes > 0) {
                    freezes--;
                    used.add(LocalDate.ofEpochDay(first + i));
                } else {
                    current = 0;
                }
            }
        }
        boolean activeToday = counted[todayIndex];
        LocalDate lastActiveDate = activeUpToToday.length == 0 ? null : LocalDate.ofEpochDay(LongStream.of(activeUpToToday).max().getAsLong());
        return new Status(current, longest, dayOnly, active[todayIndex], current > 0 && !activeToday, lastActiveDate, freezes, used,
                nextMilestone(current),
                current > 0 ? LocalDate.ofEpochDay(first + lastCounted).plusDays(1 + freezesAfterLastCounted) : null,
                dayOnly > 0 ? lastActiveDate.plusDays(1) : null);
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
