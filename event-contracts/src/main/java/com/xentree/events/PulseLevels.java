package com.xentree.events;

import java.util.Arrays;

/**
 * Intensity of a learning-pulse day (DESIGN.md section 4), for the learner's and the admin pulse:
 * 0 for no activity, else 1-4 by the quartile of the day's learning time among the active days of
 * the same pulse (the user's own, or the organization's).
 */
public final class PulseLevels {

    private final long[] sorted;

    /** @param activeDaySeconds learning seconds of every active day of the period */
    public PulseLevels(long[] activeDaySeconds) {
        this.sorted = activeDaySeconds.clone();
        Arrays.sort(this.sorted);
    }

    public int level(boolean active, long seconds) {
        if (!active) {
            return 0;
        }
        if (sorted.length == 0) {
            return 1;
        }
        // the share of active days with less learning time: [0, 1) -> levels 1..4; ties share a level
        int below = lowerBound(seconds);
        return 1 + Math.min(3, (int) ((long) below * 4 / sorted.length));
    }

    private int lowerBound(long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
