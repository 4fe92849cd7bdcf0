package com.xentree.foundation.config;

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

    /**
     * A poll waits until this much is buffered (or {@link #fetchMaxWait()} passed): under load the
     * consumers then apply a few hundred records per transaction instead of a few dozen, at the cost
     * of at most {@code fetch-max-wait} more latency per hop when traffic is light.
     */
    @WithDefault("65536")
    int fetchMinBytes();

    @WithDefault("250ms")
    Duration fetchMaxWait();

    @WithDefault("true")
    boolean outboxRelayEnabled();

    @WithDefault("100ms")
    Duration outboxPollInterval();
}
