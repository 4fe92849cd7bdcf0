package com.xentree.foundation.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Logs every change of a consumer loop's partitions and exports it as metrics: who consumes what,
 * and when it moved, is otherwise only visible in the broker's group descriptions.
 * <ul>
 * <li>{@code xentree.consumer.partitions.assigned}, {@code .revoked}, {@code .lost} (counters,
 * partitions moved; lost = taken away without a chance to commit, after a missed session);</li>
 * <li>{@code xentree.consumer.rebalances} (counter, rebalance callbacks on this replica: one or two per rebalance);</li>
 * <li>{@code xentree.consumer.partitions} (gauge, partitions this replica consumes now).</li>
 * </ul>
 * All tagged with the consumer group.
 */
final class AssignmentLog implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(AssignmentLog.class);

    private final String group;
    private final String instanceId;
    private final MeterRegistry registry;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ownedCount;

    AssignmentLog(String group, String instanceId, MeterRegistry registry) {
        this.group = group;
        this.instanceId = instanceId;
        this.registry = registry;
        this.ownedCount = registry.gauge("xentree.consumer.partitions", Tags.of("group", group),
                new AtomicInteger());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
        record("assigned", partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        record("revoked", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        record("lost", partitions);
    }

    private void record(String change, Collection<TopicPartition> partitions) {
        ownedCount.set(owned.size());
        registry.counter("xentree.consumer.rebalances", "group", group).increment();
        if (partitions.isEmpty()) {
            return; // cooperative rebalancing calls back with nothing moved: the rebalance is counted, nothing else
        }
        registry.counter("xentree.consumer.partitions." + change, "group", group).increment(partitions.size());
        LOG.infof("consumer group %s, member %s: %s %s; now consuming %s", group, instanceId, change, names(partitions), names(owned));
    }

    private static String names(Collection<TopicPartition> partitions) {
        Set<String> sorted = new TreeSet<>();
        partitions.forEach(tp -> sorted.add(tp.topic() + "-" + tp.partition()));
        return sorted.toString();
    }
}
