package com.xentree.foundation.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.ApiKeyChanged;
import com.xentree.events.Topics;
import com.xentree.foundation.messaging.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * This replica's in-memory view of every API key, read from the compacted {@code auth.api-keys.v1}
 * topic from its beginning (no consumer group: every replica needs every key). Revocations and
 * deletions reach it within one poll interval, as long as the broker answers: the registry asks for
 * the topic's end offsets every few seconds, and is not {@linkplain #current() current} when the
 * broker has not answered for longer (readiness; it is the service's broker check too).
 */
@ApplicationScoped
public class ApiKeyRegistry {

    private static final Logger LOG = Logger.getLogger(ApiKeyRegistry.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(10);
    private static final Duration ASK_BROKER_EVERY = Duration.ofSeconds(5);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than one ask and its time-out: only a broker that missed an answer makes the registry stale. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(15);

    @Inject
    KafkaClients kafka;
    @Inject
    ObjectMapper json;
    private final Map<String, ApiKeyChanged> keys = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    private volatile long brokerAnsweredAt = System.nanoTime() - STALE_AFTER.toNanos();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    void start(@Observes StartupEvent event) {
        Thread.ofPlatform().name("api-key-registry").start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    public Optional<ApiKeyChanged> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** True once every key published before start-up has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Caught up, and the broker answered within {@link #STALE_AFTER}: a revocation published now would reach this replica. */
    public boolean current() {
        return caughtUp && brokerSilence().compareTo(STALE_AFTER) < 0;
    }

    /** How long since the broker last answered the registry. */
    public Duration brokerSilence() {
        return Duration.ofNanos(System.nanoTime() - brokerAnsweredAt);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = kafka.consumer(null, 1000)) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(Topics.API_KEYS, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                brokerAnsweredAt = System.nanoTime();
                while (running) {
                    if (!caughtUp && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                        LOG.infof("API key registry caught up: %d keys", keys.size());
                    }
                    // until caught up, short polls: readiness waits for this, and an empty topic has nothing to wait for
                    for (ConsumerRecord<String, byte[]> r : c.poll(caughtUp ? POLL : CATCH_UP_POLL)) {
                        apply(r);
                    }
                    if (brokerSilence().compareTo(ASK_BROKER_EVERY) > 0) {
                        c.endOffsets(partitions, BROKER_TIMEOUT); // a poll does not say whether the broker answered
                        brokerAnsweredAt = System.nanoTime();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("API key registry: %s; reconnecting", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            keys.remove(r.key());
            return;
        }
        try {
            keys.put(r.key(), json.readValue(r.value(), ApiKeyChanged.class));
        } catch (Exception e) {
            LOG.warnf("unreadable API key record %s@%d ignored: %s", r.topic(), r.offset(), e.getMessage());
        }
    }
}
