package com.xentree.analytics.config;

import com.xentree.analytics.XpDimensions.Dimension;
import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * Which of the six XP dimensions of the user-details document ({@code xpBreakdown}) our XP counts
 * in: by the activity's category, else by its source; XP of a category and source mapped to neither
 * counts only in {@code total}. The default (application.properties) covers every category and
 * source the demo data and the benchmark use; set more with
 * {@code analytics.xp-breakdown.categories.<category>=<dimension>} and
 * {@code analytics.xp-breakdown.sources.<source>=<dimension>}. Dimensions: knowledge, creativity,
 * participation, loyalty, influence, contribution; anything else stops the service at start.
 */
@ConfigMapping(prefix = "analytics.xp-breakdown")
public interface XpBreakdownConfig {

    /** Activity category to dimension; wins over the source. */
    Map<String, Dimension> categories();

    /** Activity source to dimension, for categories not listed. */
    Map<String, Dimension> sources();
}
