package com.xentree.adminstats;

import java.util.Arrays;
import java.util.Optional;

/**
 * The measured metrics that objectives' key results and learning targets are set against (and the
 * progress tab shows), each defined once here, over the admin population and a period of days.
 */
public enum Metric {

    ACTIVE_MEMBER_RATE("active_member_rate", "Active-member rate", "%", 100),
    LEARNING_HOURS_PER_MEMBER_PER_WEEK("learning_hours_per_member_per_week", "Learning hours per member per week", "hours", 168),
    AVERAGE_SCORE("average_score", "Average score", "points", 100),
    SESSIONS("sessions", "Sessions", "sessions", Double.MAX_VALUE);

    /**
     * What a period amounts to for the admin population ({@code service.Population}, the one place
     * that makes these): {@code members} is the population's size, what rates divide by; the rest sums
     * its members' activity in the period's {@code days}.
     */
    public record Aggregate(long members, long activeMembers, long seconds, long sessions, long xp, long scoreSum, long scoreCount,
            int days) {
    }

    public final String key;
    public final String label;
    public final String unit;
    /** The largest value the metric can take. */
    public final double max;

    Metric(String key, String label, String unit, double max) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.max = max;
    }

    public static Optional<Metric> of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(m -> m.key).toList());
    }

    public double value(Aggregate a) {
        return switch (this) {
            case ACTIVE_MEMBER_RATE -> a.members() == 0 ? 0 : Kpis.round1(a.activeMembers() * 100.0 / a.members());
            case LEARNING_HOURS_PER_MEMBER_PER_WEEK -> a.members() == 0 || a.days() == 0 ? 0
                    : Kpis.round2(a.seconds() / 3600.0 / a.members() / (a.days() / 7.0));
            case AVERAGE_SCORE -> a.scoreCount() == 0 ? 0 : Kpis.round1((double) a.scoreSum() / a.scoreCount());
            case SESSIONS -> a.sessions();
        };
    }

    /**
     * A stretching but reachable target from a measured value: a quarter of the way to the maximum for
     * rates and scores (at least 5 points), a fifth more for volumes (at least one step).
     */
    public double suggestTarget(double current) {
        return switch (this) {
            case ACTIVE_MEMBER_RATE, AVERAGE_SCORE -> Math.min(max, Math.round(current + Math.max(5, (max - current) * 0.25)));
            case LEARNING_HOURS_PER_MEMBER_PER_WEEK -> Kpis.round1(Math.max(current * 1.2, current + 0.5));
            case SESSIONS -> Math.max(Math.round(current * 1.2), (long) current + 1);
        };
    }

    /** Progress from baseline to target in percent, 0-100. */
    public static double progress(double current, double baseline, double target) {
        if (target <= baseline) {
            return current >= target ? 100 : 0;
        }
        return Kpis.round1(Math.max(0, Math.min(100, (current - baseline) * 100 / (target - baseline))));
    }
}
