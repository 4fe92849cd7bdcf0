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

    /**
     * Consumers per group in this replica, each with its own share of the partitions and its own
     * transactions: one user's events stay on one partition, so they keep their order while the
     * consumers overlap their waits (database round trips, commits, polls).
     */
    @WithDefault("2")
    int consumersPerGroup();

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

    /**
     * This replica's name in every consumer group (static membership: {@code group.instance.id}).
     * Must differ between the replicas of a service and stay the same when one restarts; by default
     * the host name (the pod's name in Kubernetes) and the HTTP port.
     */
    String instanceId();

    /**
     * {@code classic} (the default: static members, a short session timeout, cooperative
     * rebalancing) or {@code consumer} (KIP-848: the broker assigns partitions and owns the
     * session timeout, 45 s at the least unless the broker is configured lower). Measured and
     * compared in docs/architecture.md.
     */
    @WithDefault("classic")
    String groupProtocol();

    /**
     * How long the broker waits for a replica that stopped heartbeating before it gives the
     * replica's partitions to the others (classic protocol; the broker allows 6 s at the least).
     */
    @WithDefault("6s")
    Duration sessionTimeout();

    @WithDefault("1s")
    Duration heartbeatInterval();

    @WithDefault("true")
    boolean outboxRelayEnabled();

    @WithDefault("100ms")
    Duration outboxPollInterval();
}
