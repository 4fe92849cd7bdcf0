package com.xentree.profile.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The ranges of {@link ProfileConfig}, checked as the service starts. Bean Validation constraints on a config
 * mapping would do the same, but make Quarkus build a second validator factory during static init: about a third
 * of the main thread's start-up work (docs/benchmarks.md, issue 19).
 */
@ApplicationScoped
class ProfileConfigCheck {

    void check(@Observes StartupEvent event, ProfileConfig config) {
        atLeast("profile.xp.daily-category-cap", config.xp().dailyCategoryCap(), 1);
        within("profile.api-keys.max-active-per-user", config.apiKeys().maxActivePerUser(), 1, 1000);
    }

    private static void atLeast(String property, long value, long min) {
        if (value < min) {
            throw new ConfigurationException(property + " is " + value + "; it must be at least " + min);
        }
    }

    private static void within(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigurationException(property + " is " + value + "; it must lie between " + min + " and " + max);
        }
    }
}
