package com.xentree.analytics;

import java.util.EnumMap;
import java.util.Map;

/**
 * The six XP dimensions of the user-details document and how our XP is split over them: each
 * amount of XP goes to the dimension of its category, else of its source, else to no dimension
 * (it still counts in the total). So the six dimensions plus the unmapped XP always equal the total.
 */
public final class XpDimensions {

    public enum Dimension { KNOWLEDGE, CREATIVITY, PARTICIPATION, LOYALTY, INFLUENCE, CONTRIBUTION }

    /** XP per dimension, the XP in none, and the total of both. */
    public record Split(Map<Dimension, Long> byDimension, long unmapped) {

        public long of(Dimension d) {
            return byDimension.getOrDefault(d, 0L);
        }

        public long total() {
            return byDimension.values().stream().mapToLong(Long::longValue).sum() + unmapped;
        }
    }

    private final Map<String, Dimension> byCategory;
    private final Map<String, Dimension> bySource;
    private final Map<Dimension, Long> sums = new EnumMap<>(Dimension.class);
    private long unmapped;

    public XpDimensions(Map<String, Dimension> byCategory, Map<String, Dimension> bySource) {
        this.byCategory = byCategory;
        this.bySource = bySource;
    }

    /** Adds XP earned in a category from a source ({@code null} when the source is not known). */
    public XpDimensions add(String category, String source, long xp) {
        Dimension d = byCategory.containsKey(category) ? byCategory.get(category) : source == null ? null : bySource.get(source);
        if (d == null) {
            unmapped += xp;
        } else {
            sums.merge(d, xp, Long::sum);
        }
        return this;
    }

    /** Whether a category's XP goes to one dimension whatever its source. */
    public boolean mapsCategory(String category) {
        return byCategory.containsKey(category);
    }

    public Split split() {
        return new Split(new EnumMap<>(sums), unmapped);
    }
}
