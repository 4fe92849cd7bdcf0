package com.xentree.adminstats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Learning Value Index (DESIGN.md section 4): a 0-100 score per member from weighted,
 * normalised components. Normalisation: learning time and XP against the highest member in scope,
 * active days against the days of the range, average score against 100, objective progress (the
 * organization's average key-result progress) against 100.
 */
public final class Lvi {

    public static final List<String> COMPONENTS = List.of("learning_time", "active_days", "xp", "average_score", "objective_progress");
    public static final double SUM_TOLERANCE = 0.001;

    /** The organization's weights, one per component, summing to 1. */
    public record Weights(double learningTime, double activeDays, double xp, double averageScore, double objectiveProgress) {

        public static final Weights DEFAULT = new Weights(0.3, 0.25, 0.2, 0.15, 0.1);

        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("learning_time", learningTime);
            m.put("active_days", activeDays);
            m.put("xp", xp);
            m.put("average_score", averageScore);
            m.put("objective_progress", objectiveProgress);
            return m;
        }

        /** What is wrong with weights given as a map ("field: problem"); empty when they are valid. */
        public static List<String> problems(Map<String, Double> weights) {
            List<String> problems = new java.util.ArrayList<>();
            if (weights == null) {
                return List.of("weights: required, one per component: " + String.join(", ", COMPONENTS));
            }
            for (String key : weights.keySet()) {
                if (!COMPONENTS.contains(key)) {
                    problems.add("weights." + key + ": not a component (" + String.join(", ", COMPONENTS) + ")");
                }
            }
            double sum = 0;
            for (String c : COMPONENTS) {
                Double w = weights.get(c);
                if (w == null) {
                    problems.add("weights." + c + ": required");
                } else if (w < 0 || w.isNaN()) {
                    problems.add("weights." + c + ": must not be negative");
                } else {
                    sum += w;
                }
            }
            if (problems.isEmpty() && Math.abs(sum - 1) > SUM_TOLERANCE) {
                problems.add("weights: must sum to 1 (they sum to " + Kpis.round2(sum * 1000) / 1000 + ")");
            }
            return problems;
        }

        public static Weights of(Map<String, Double> w) {
            return new Weights(w.get("learning_time"), w.get("active_days"), w.get("xp"), w.get("average_score"), w.get("objective_progress"));
        }
    }

    /** One member's components, each already in 0-1. */
    public record Components(double learningTime, double activeDays, double xp, double averageScore, double objectiveProgress) {
    }

    private Lvi() {
    }

    public static Components normalise(long seconds, long maxSeconds, long activeDays, int rangeDays, long xp, long maxXp,
            double averageScore, double objectiveProgressPct) {
        return new Components(maxSeconds == 0 ? 0 : (double) seconds / maxSeconds, rangeDays == 0 ? 0 : (double) activeDays / rangeDays,
                maxXp == 0 ? 0 : (double) xp / maxXp, averageScore / 100, objectiveProgressPct / 100);
    }

    public static double score(Components c, Weights w) {
        return Kpis.round1(100 * (w.learningTime() * c.learningTime() + w.activeDays() * c.activeDays() + w.xp() * c.xp()
                + w.averageScore() * c.averageScore() + w.objectiveProgress() * c.objectiveProgress()));
    }
}
