package com.xentree.adminstats.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "xentree.dashboard")
public interface DashboardConfig {

    /**
     * How many member-days the engagement dashboard keeps in memory (24 bytes each, and about 200
     * per member held): 1,500,000 is about 40 MB. A population with more is summed by PostgreSQL
     * instead, as before. 0 turns the copy off.
     */
    @WithDefault("1500000")
    long memoryMemberDays();

    /**
     * How many bytes of rendered dashboards a replica keeps ({@code service/DashboardAnswers}); 0
     * computes every dashboard afresh. 10,000 members: about 6.4 MB per organization and range.
     */
    @WithDefault("33554432")
    long renderedMaxBytes();

    /** Users whose changes are tracked at most for the rendered dashboards; beyond, tracking starts over. */
    @WithDefault("200000")
    int maxTrackedChanges();
}
