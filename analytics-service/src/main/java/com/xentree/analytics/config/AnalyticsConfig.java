package com.xentree.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /** Largest batch {@code POST /api/v1/events} accepts. */
    @WithDefault("1000")
    int maxIngestBatch();

    /** How often the leaderboards are recomputed (read by the scheduler as {@code analytics.leaderboard-refresh}). */
    @WithDefault("30s")
    String leaderboardRefresh();
}
