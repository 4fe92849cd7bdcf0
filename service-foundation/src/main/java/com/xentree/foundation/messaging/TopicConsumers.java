package com.xentree.foundation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.foundation.config.MessagingConfig;
import com.xentree.foundation.erasure.ErasureList;
import com.xentree.foundation.reads.ReadChanges;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Runs consumer loops ({@code consumers-per-group} of them) per consumer group of {@link BatchHandler}s (by default one group per handler):
 * poll a batch, park unusable records on the .dlq topic, apply the rest in one database transaction
 * (skipping event ids applied before), then commit offsets. A failed batch is rewound and retried,
 * so nothing is lost and, thanks to the processed-event ledger, nothing is counted twice.
 */
@ApplicationScoped
public class TopicConsumers {

    private static final Logger LOG = Logger.getLogger(TopicConsumers.class);
    private static final Duration POLL = Duration.ofMillis(500);

    @Inject
    Instance<BatchHandler<?>> handlers;
    @Inject
    KafkaClients kafka;
    @Inject
    DeadLetters deadLetters;
    @Inject
    ProcessedEvents processed;
    @Inject
    ErasureList erasures;
    @Inject
    ReadChanges readChanges;
    @Inject
    ObjectMapper json;
    @Inject
    MessagingConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    Clock clock;
    private final List<Loop> loops = new CopyOnWriteArrayList<>();

    void start(@Observes StartupEvent event) {
        if (!config.consumersEnabled()) {
            return;
        }
        Map<String, List<BatchHandler<?>>> groups = new TreeMap<>();
        for (BatchHandler<?> handler : handlers) {
            groups.computeIfAbsent(handler.consumerGroup(), g -> new ArrayList<>()).add(handler);
        }
        for (Map.Entry<String, List<BatchHandler<?>>> group : groups.entrySet()) {
            List<BatchHandler<?>> members = new ArrayList<>(group.getValue());
            members.sort(Comparator.comparingInt(BatchHandler::applyOrder));
            for (int i = 0; i < config.consumersPerGroup(); i++) {
                Loop loop = new Loop(group.getKey(), members, memberId(i));
                loops.add(loop);
                Thread.ofPlatform().name("consumer-" + group.getKey() + "-" + i).start(loop);
            }
        }
    }

    /** The static member name of the replica's i-th consumer of a group: unique per replica, stable across restarts. */
    private String memberId(int i) {
        return config.consumersPerGroup() == 1 ? config.instanceId() : config.instanceId() + "-" + i;
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(Loop::stop);
        for (Loop loop : loops) {
            loop.awaitStopped(Duration.ofSeconds(15));
        }
    }

    /**
     * Topics whose loop is failing right now (its consumer could not be built, a poll threw, or a batch failed and is
     * being retried); empty when none is. A loop that has not polled yet is not failing: what this replica answers
     * does not depend on its consumers having joined their groups, only on the database (readiness, decisions.md).
     */
    public List<String> failingTopics() {
        List<String> down = new ArrayList<>();
        for (Loop loop : loops) {
            if (loop.failing) {
                loop.handlers.stream().map(BatchHandler::topic).filter(t -> !down.contains(t)).forEach(down::add);
            }
        }
        return down;
    }

    private final class Loop implements Runnable {
        final List<BatchHandler<?>> handlers;
        final String group;
        final String memberId;
        // created on the loop's own thread: a consumer takes a while to build, and start-up need not wait for it
        volatile KafkaConsumer<String, byte[]> consumer;
        volatile boolean running = true;
        volatile boolean failing = false;
        volatile boolean stopped = false;

        Loop(String group, List<BatchHandler<?>> handlers, String memberId) {
            this.handlers = handlers;
            this.group = config.groupPrefix() + "." + group;
            this.memberId = memberId;
        }

        void stop() {
            running = false;
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
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
                consumer = kafka.groupMember(group, memberId, config);
                consumer.subscribe(handlers.stream().map(BatchHandler::topic).toList(),
                        new AssignmentLog(group, memberId, registry));
                while (running) {
                    ConsumerRecords<String, byte[]> records;
                    try {
                        records = consumer.poll(POLL);
                        failing = false;
                    } catch (WakeupException e) {
                        break;
                    } catch (RuntimeException e) {
                        failing = true;
                        LOG.warnf("poll of %s failed: %s", topics(), e.toString());
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
                        failing = true;
                        LOG.errorf(e, "batch of %d records from %s failed, retrying", records.count(), topics());
                        rewind(records);
                        sleep(backoffMs);
                        backoffMs = Math.min(backoffMs * 2, 10_000);
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                failing = true; // the consumer could not be built or subscribed: this loop never runs
                LOG.errorf(e, "consumer of %s could not start", topics());
            } finally {
                // a static member does not leave its group on close by default; leaving hands its
                // partitions over now instead of after the session timeout
                if (consumer != null) {
                    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))
                            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
                }
                synchronized (this) {
                    stopped = true;
                    notifyAll();
                }
            }
        }

        private String topics() {
            return handlers.stream().map(BatchHandler::topic).collect(Collectors.joining(", "));
        }

        /** Every handler's records of the poll in one transaction, handler by handler in their apply order. */
        private void process(ConsumerRecords<String, byte[]> records) throws Exception {
            List<DeadLetters.Rejected> rejected = new ArrayList<>();
            List<Batch<?>> batches = new ArrayList<>();
            var now = clock.instant();
            for (BatchHandler<?> handler : handlers) {
                Batch<?> batch = new Batch<>(handler, records.records(handler.topic()), now, rejected);
                if (batch.records > 0) {
                    batches.add(batch);
                }
            }
            if (!rejected.isEmpty()) {
                deadLetters.send(rejected);
            }
            if (batches.stream().allMatch(b -> b.order.isEmpty())) {
                return;
            }
            long started = System.nanoTime();
            readChanges.writeStarted(); // this replica's reads see the batch as soon as it is committed
            try {
                QuarkusTransaction.requiringNew().call(() -> {
                    // first, before anything is written: whose events must be dropped (and the locks that keep it so)
                    Set<String> erased = erasures.screen(usersOf(batches));
                    for (Batch<?> batch : batches) {
                        batch.apply(erased);
                    }
                    return null;
                });
            } finally {
                readChanges.writeEnded();
            }
            // batch sizes and times show whether consumers amortise their per-transaction cost
            long elapsed = System.nanoTime() - started;
            for (Batch<?> batch : batches) {
                String topic = batch.handler.topic();
                registry.timer("xentree.consumer.batch", "topic", topic).record(elapsed, TimeUnit.NANOSECONDS);
                registry.summary("xentree.consumer.batch.records", "topic", topic).record(batch.records);
                registry.counter("xentree.consumer.applied", "topic", topic).increment(batch.applied);
                if (batch.dropped > 0) {
                    registry.counter("xentree.erasure.dropped", "topic", topic).increment(batch.dropped);
                }
                registry.counter("xentree.consumer.duplicates", "topic", topic)
                        .increment(batch.records - batch.rejected - batch.applied - batch.dropped - (batch.order.size() - batch.unique.size()));
            }
        }

        private static Set<String> usersOf(List<Batch<?>> batches) {
            Set<String> users = new java.util.HashSet<>();
            for (Batch<?> batch : batches) {
                batch.addUsers(users);
            }
            return users;
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

    /** One handler's records of a poll: parsed, validated, de-duplicated by event id, in the order read. */
    private final class Batch<T> {
        final BatchHandler<T> handler;
        int records;
        final Map<UUID, T> unique = new LinkedHashMap<>();
        // events (by id) and tombstones (by key) in the order read, so a delete and a re-add keep their order
        final List<Object> order = new ArrayList<>();
        int rejected;
        int applied;
        int dropped;

        Batch(BatchHandler<T> handler, Iterable<ConsumerRecord<String, byte[]>> polled, Instant now, List<DeadLetters.Rejected> rejects) {
            this.handler = handler;
            for (ConsumerRecord<String, byte[]> record : polled) {
                records++;
                if (record.value() == null) {
                    if (handler.deletesOnTombstone() && record.key() != null) {
                        order.add(new Tombstone(record.key()));
                    } else {
                        reject(rejects, record, "tombstone not expected on this topic");
                    }
                    continue;
                }
                T event;
                try {
                    event = json.readValue(record.value(), handler.type());
                } catch (Exception e) {
                    reject(rejects, record, "unparseable: " + firstLine(e.getMessage()));
                    continue;
                }
                List<String> problems = event == null ? List.of("empty record") : handler.violations(event, now);
                if (problems.isEmpty() && handler.eventId(event) == null) {
                    problems = List.of("event_id: required");
                }
                if (!problems.isEmpty()) {
                    reject(rejects, record, "invalid: " + String.join("; ", problems));
                    continue;
                }
                if (unique.putIfAbsent(handler.eventId(event), event) == null) {
                    order.add(handler.eventId(event));
                }
            }
        }

        /**
         * Events of erased users are neither claimed nor applied, and every one is counted, a replayed
         * duplicate too: the count shows what the erasure list kept out.
         */
        private void dropErased(Set<String> erased) {
            if (erased.isEmpty()) {
                return;
            }
            for (var it = unique.values().iterator(); it.hasNext();) {
                T event = it.next();
                String user = handler.userId(event);
                if (user != null && erased.contains(user)) {
                    order.remove(handler.eventId(event));
                    it.remove();
                    dropped++;
                }
            }
        }

        private void reject(List<DeadLetters.Rejected> rejects, ConsumerRecord<String, byte[]> record, String reason) {
            rejects.add(new DeadLetters.Rejected(record, reason));
            rejected++;
        }

        void addUsers(Set<String> users) {
            for (T event : unique.values()) {
                String user = handler.userId(event);
                if (user != null) {
                    users.add(user);
                }
            }
        }

        /** Applies what was never applied before, except events of erased users; runs inside the poll's transaction. */
        void apply(Set<String> erased) throws SQLException {
            dropErased(erased);
            if (order.isEmpty()) {
                return;
            }
            Set<UUID> fresh = unique.isEmpty() ? Set.of()
                    : handler.deduplicatesByEventId() ? unique.keySet() : processed.claim(handler.topic(), unique.keySet());
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
            applied = count;
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
