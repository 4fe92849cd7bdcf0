package com.xentree.profile.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "xentree.messaging")
public interface MessagingConfig {

    /** Consumer group of each topic loop is {@code <group-prefix>.<topic>}. */
    String groupPrefix();

    @WithDefault("true")
    boolean consumersEnabled();

    @WithDefault("1000")
    int maxPollRecords();

    @WithDefault("true")
    boolean outboxRelayEnabled();

    @WithDefault("100ms")
    Duration outboxPollInterval();
}
