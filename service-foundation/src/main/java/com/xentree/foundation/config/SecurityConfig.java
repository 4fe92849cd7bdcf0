package com.xentree.foundation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "xentree.security")
public interface SecurityConfig {

    /**
     * How many verified bearer tokens are remembered (by SHA-256, each until its {@code exp}), so a
     * client's next request skips the signature check; 0 verifies every request.
     */
    @WithDefault("10000")
    int verifiedTokenCacheSize();
}
