package com.xentree.adminstats.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "xentree.dashboard")
public interface DashboardConfig {

    /**
     * How many member-days the engagement dashboard keeps in memory (about 30 bytes each); a
     * population with more is summed by PostgreSQL instead, as before. 0 turns the copy off.
     */
    @WithDefault("3000000")
    long memoryMemberDays();
}
