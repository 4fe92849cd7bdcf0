package com.xentree.profile.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The profile-service's own settings; {@link ProfileConfigCheck} holds their ranges. */
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
        @WithDefault("3000") // at least 1
        long dailyCategoryCap();
    }

    interface ApiKeys {
        @WithDefault("20") // 1 to 1000
        int maxActivePerUser();
    }
}
