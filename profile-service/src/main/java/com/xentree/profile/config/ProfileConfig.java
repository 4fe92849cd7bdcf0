package com.xentree.profile.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@ConfigMapping(prefix = "profile")
public interface ProfileConfig {

    Xp xp();

    ApiKeys apiKeys();

    Export export();

    /** Where the other services' parts of a user's data export are read (their own base URLs, not the gateway's). */
    interface Export {
        java.net.URI analyticsUrl();

        java.net.URI adminStatsUrl();
    }

    interface Xp {
        /**
         * Anti-farming guard: XP one user can be granted per local day and category. Generous on
         * purpose (50 hours of one-XP-a-minute learning): it stops scripts, not learners.
         */
        @WithDefault("3000")
        @Min(1)
        long dailyCategoryCap();
    }

    interface ApiKeys {
        @WithDefault("20")
        @Min(1)
        @Max(1000)
        int maxActivePerUser();
    }
}
