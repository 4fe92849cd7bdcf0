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
}
