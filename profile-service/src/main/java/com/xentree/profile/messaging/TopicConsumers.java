package com.xentree.profile.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.profile.config.MessagingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Runs one consumer loop per {@link BatchHandler}: poll a batch, park unusable records on the .dlq
 * topic, apply the rest in one database transaction (skipping event ids applied before), then
 * commit offsets. A failed batch is rewound and retried, so nothing is lost and, thanks to the
 * processed-event ledger, nothing is counted twice.
 */
@ApplicationScoped
public class TopicConsumers {

    private static final Logger LOG = Logger.getLogger(TopicConsumers.class);

    private final Instance<BatchHandler<?>> handlers;
    private final KafkaClients kafka;
    private final DeadLetters deadLetters;
    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final MessagingConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final List<Loop<?>> loops = new CopyOnWriteArrayList<>();

    TopicConsumers(Instance<BatchHandler<?>> handlers, KafkaClients kafka, DeadLetters deadLetters,
            ProcessedEvents processed, ObjectMapper json, MessagingConfig config, MeterRegistry registry, Clock clock) {
        this.handlers = handlers;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
        this.processed = processed;
        this.json = json;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (!config.consumersEnabled()) {
            return;
        }
        for (BatchHandler<?> handler : handlers) {
            Loop<?> loop = new Loop<>(handler);
            loops.add(loop);
            Thread.ofPlatform().name("consumer-" + handler.topic()).start(loop);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(Loop::stop);
        for (Loop<?> loop : loops) {
            loop.awaitStopped(Duration.ofSeconds(15));
        }
    }

    /** Topics whose loop is not polling successfully right now; empty when all are healthy. */
    public List<String> unhealthyTopics() {
        List<String> down = new ArrayList<>();
        for (Loop<?> loop : loops) {
            if (!loop.healthy) {
                down.add(loop.handler.topic());
            }
        }
        return down;
    }

    private final class Loop<T> implements Runnable {
        final BatchHandler<T> handler;
        final KafkaConsumer<String, byte[]> consumer;
        volatile boolean running = true;
        volatile boolean healthy = false;
        volatile boolean stopped = false;

        Loop(BatchHandler<T> handler) {
            this.handler = handler;
            this.consumer = kafka.consumer(config.groupPrefix() + "." + handler.topic(), config.maxPollRecords());
        }

        void stop() {
            running = false;
            consumer.wakeup();
        }

        synchronized void awaitStopped(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stopped && System.nanoTime() < deadline) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void run() {
            long backoffMs = 100;
            try {
                consumer.subscribe(List.of(handler.topic()));
                while (running) {
                    ConsumerRecords<String, byte[]> records;
                    try {
                        records = consumer.poll(Duration.ofMillis(500));
                        healthy = true;
                    } catch (WakeupException e) {
                        break;
                    } catch (RuntimeException e) {
                        healthy = false;
                        LOG.warnf("poll of %s failed: %s", handler.topic(), e.toString());
                        sleep(backoffMs);
                        backoffMs = Math.min(backoffMs * 2, 10_000);
                        continue;
                    }
                    if (records.isEmpty()) {
                        continue;
                    }
                    try {
                        process(records);
                        consumer.commitSync(nextOffsets(records));
                        backoffMs = 100;
                    } catch (WakeupException e) {
                        break;
                    } catch (Exception e) {
                        // nothing of this batch is committed: rewind and try it again
                        healthy = false;
                        LOG.errorf(e, "batch of %d records from %s failed, retrying", records.count(), handler.topic());
                        rewind(records);
                        sleep(backoffMs);
                        backoffMs = Math.min(backoffMs * 2, 10_000);
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } finally {
                consumer.close(Duration.ofSeconds(5));
                synchronized (this) {
                    stopped = true;
                    notifyAll();
                }
            }
        }

        private void process(ConsumerRecords<String, byte[]> records) throws Exception {
            List<DeadLetters.Rejected> rejected = new ArrayList<>();
            Map<UUID, T> unique = new LinkedHashMap<>();
            // events (by id) and tombstones (by key) in the order read, so a delete and a re-add keep their order
            List<Object> order = new ArrayList<>();
            var now = clock.instant();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.value() == null) {
                    if (handler.deletesOnTombstone() && record.key() != null) {
                        order.add(new Tombstone(record.key()));
                    } else {
                        rejected.add(new DeadLetters.Rejected(record, "tombstone not expected on this topic"));
                    }
                    continue;
                }
                T event;
                try {
                    event = json.readValue(record.value(), handler.type());
                } catch (Exception e) {
                    rejected.add(new DeadLetters.Rejected(record, "unparseable: " + firstLine(e.getMessage())));
                    continue;
                }
                List<String> problems = event == null ? List.of("empty record") : handler.violations(event, now);
                if (problems.isEmpty() && handler.eventId(event) == null) {
                    problems = List.of("event_id: required");
                }
                if (!problems.isEmpty()) {
                    rejected.add(new DeadLetters.Rejected(record, "invalid: " + String.join("; ", problems)));
                    continue;
                }
                if (unique.putIfAbsent(handler.eventId(event), event) == null) {
                    order.add(handler.eventId(event));
                }
            }
            if (!rejected.isEmpty()) {
                deadLetters.send(rejected);
            }
            if (order.isEmpty()) {
                return;
            }
            int applied = QuarkusTransaction.requiringNew().call(() -> {
                Set<UUID> fresh = unique.isEmpty() ? Set.of() : processed.claim(handler.topic(), unique.keySet());
                List<T> events = new ArrayList<>();
                List<String> deletes = new ArrayList<>();
                int count = 0;
                for (Object item : order) {
                    if (item instanceof Tombstone t) {
                        if (!events.isEmpty()) {
                            handler.apply(events);
                            count += events.size();
                            events = new ArrayList<>();
                        }
                        deletes.add(t.key());
                    } else if (fresh.contains((UUID) item)) {
                        if (!deletes.isEmpty()) {
                            handler.delete(deletes);
                            deletes = new ArrayList<>();
                        }
                        events.add(unique.get((UUID) item));
                    }
                }
                if (!events.isEmpty()) {
                    handler.apply(events);
                    count += events.size();
                }
                if (!deletes.isEmpty()) {
                    handler.delete(deletes);
                }
                return count;
            });
            registry.counter("xentree.consumer.applied", "topic", handler.topic()).increment(applied);
            registry.counter("xentree.consumer.duplicates", "topic", handler.topic())
                    .increment(records.count() - rejected.size() - applied - (order.size() - unique.size()));
        }

        private Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> part = records.records(tp);
                offsets.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
            }
            return offsets;
        }

        private void rewind(ConsumerRecords<String, byte[]> records) {
            for (TopicPartition tp : records.partitions()) {
                try {
                    consumer.seek(tp, records.records(tp).get(0).offset());
                } catch (IllegalStateException e) {
                    // partition revoked meanwhile: its new owner resumes from the committed offset
                }
            }
        }
    }

    private record Tombstone(String key) {
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
