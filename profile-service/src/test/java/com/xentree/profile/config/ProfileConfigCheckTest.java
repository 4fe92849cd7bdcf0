package com.xentree.profile.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ranges of the profile settings, on a config mapping built by SmallRye Config as Quarkus builds it. */
class ProfileConfigCheckTest {

    private static ProfileConfig configWith(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "profile.export.analytics-url", "http://127.0.0.1:8082",
                "profile.export.admin-stats-url", "http://127.0.0.1:8083"));
        properties.putAll(overrides);
        return new SmallRyeConfigBuilder()
                .withMapping(ProfileConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(ProfileConfig.class);
    }

    @Test
    void defaultsPass() {
        ProfileConfig config = configWith(Map.of());
        assertEquals(3000, config.xp().dailyCategoryCap());
        assertEquals(20, config.apiKeys().maxActivePerUser());
        assertDoesNotThrow(() -> new ProfileConfigCheck().check(null, config));
    }

    @Test
    void aZeroDailyCapStopsTheStart() {
        ProfileConfig config = configWith(Map.of("profile.xp.daily-category-cap", "0"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ProfileConfigCheck().check(null, config));
        assertEquals("profile.xp.daily-category-cap is 0; it must be at least 1", e.getMessage());
    }

    @Test
    void moreThanAThousandKeysPerUserStopsTheStart() {
        ProfileConfig config = configWith(Map.of("profile.api-keys.max-active-per-user", "1001"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ProfileConfigCheck().check(null, config));
        assertEquals("profile.api-keys.max-active-per-user is 1001; it must lie between 1 and 1000", e.getMessage());
    }
}
