package com.xentree.foundation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "xentree.reads")
public interface ReadsConfig {

    /**
     * How many bytes of rendered learner answers a replica keeps ({@code reads/RenderedReads}); 0
     * renders every answer afresh. A year's pulse is about 25 kB, a streak or quests answer under 1 kB.
     */
    @WithDefault("33554432")
    long maxBytes();
}
