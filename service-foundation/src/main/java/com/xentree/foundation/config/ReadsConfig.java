package com.xentree.foundation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "xentree.reads")
public interface ReadsConfig {

    /**
     * How many bytes of rendered learner answers a replica keeps ({@code reads/RenderedReads}); 0
     * renders every answer afresh. A year's pulse is about 25 kB, a streak or quests answer under 1 kB.
     */
    @WithDefault("33554432")
    long maxBytes();

    /**
     * How often the {@code read_change} log is read in the background ({@code reads/ReadChanges}):
     * the longest a write through another replica stays unseen by this one's rendered answers.
     */
    @WithDefault("20ms")
    Duration changePoll();

    /** Without a successful read of the log for this long, no rendered answer is served (each is computed afresh). */
    @WithDefault("1s")
    Duration changePollTimeout();

    /** Users whose changes are tracked at most; beyond, every rendered answer is dropped and tracking starts over. */
    @WithDefault("200000")
    int maxTrackedChanges();
}
