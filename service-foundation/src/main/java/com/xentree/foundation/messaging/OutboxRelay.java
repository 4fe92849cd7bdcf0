package com.xentree.foundation.messaging;

import com.xentree.foundation.config.MessagingConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in id order and deletes them only after the broker acknowledged them: the
 * table holds just what is still to send, so each batch reads the head of the primary key (rows kept
 * as "published" made every scan wade through the entries of rows just sent). The broker keeps the
 * published records. A transaction-scoped advisory lock lets one replica relay at a time, and a row
 * is published only below the {@link #horizon}, so per key the records reach the broker in id order
 * whatever the number of writers and replicas. A crash between publish and delete re-sends:
 * consumers skip the duplicate by its event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x7e47_0b0bL;
    private static final int BATCH = 500;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    KafkaClients kafka;
    @Inject
    MessagingConfig config;
    private volatile boolean running = true;
    /** Every id up to this one is final: committed, or never will be. Only ids up to it are published. */
    private long horizon;
    /**
     * The last id this relay published (and deleted). Every id up to the horizon is final, so none at or
     * below it can still appear: the next batch starts after it, instead of at the head of the primary
     * key, where the index entries of the rows just deleted lie until a vacuum removes them.
     */
    private long published;
    /** The last id of the batch in flight: it becomes {@link #published} once the batch's deletes are committed. */
    private long sentThrough;
    /** A fence taken while writers were in flight: its last id becomes the horizon once they have all ended. */
    private Fence pending;
    private volatile boolean healthy = true;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (config.outboxRelayEnabled()) {
            thread = Thread.ofPlatform().name("outbox-relay").start(this::run);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(15_000);
        }
    }

    public boolean healthy() {
        return healthy;
    }

    private void run() {
        long backoffMs = config.outboxPollInterval().toMillis();
        while (running) {
            try {
                int sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
                published = Math.max(published, sentThrough);
                healthy = true;
                backoffMs = config.outboxPollInterval().toMillis();
                if (sent < BATCH) {
                    Thread.sleep(backoffMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                healthy = false;
                LOG.warnf("outbox relay failed, retrying: %s", e.toString());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 10_000);
            }
        }
    }

    /** Publishes up to one batch; returns how many rows were sent. */
    int publishBatch() throws Exception {
        sentThrough = published;
        try (Connection c = dataSource.getConnection()) {
            if (!tryRelayLock(c)) {
                return 0; // another replica is relaying
            }
            advanceHorizon(c);
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, topic, record_key, payload from outbox_event where id > ? and id <= ? order by id limit " + BATCH)) {
                ps.setLong(1, published);
                ps.setLong(2, horizon);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        String payload = rs.getString(4);
                        acks.add(kafka.producer().send(new ProducerRecord<>(rs.getString(2), rs.getString(3),
                                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8))));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
            try (PreparedStatement published = c.prepareStatement("delete from outbox_event where id = any(?)")) {
                published.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                published.executeUpdate();
            }
            sentThrough = ids.get(ids.size() - 1);
            return ids.size();
        }
    }

    private static boolean tryRelayLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Moves the horizon up to the last id of a fence whose writers have all ended. With no writer in
     * flight that is the fence just taken (no delay when idle); under load it is the previous one, so
     * rows wait about as long as the longest transaction that was writing when they were.
     */
    private void advanceHorizon(Connection c) throws SQLException {
        Fence now = Fence.take(c);
        if (now.writers().isEmpty()) {
            horizon = Math.max(horizon, now.lastId());
            pending = null;
            return;
        }
        if (pending != null && now.writers().stream().noneMatch(pending.writers()::contains)) {
            horizon = Math.max(horizon, pending.lastId());
            pending = null;
        }
        if (pending == null) {
            pending = now;
        }
    }

    /**
     * The last id taken so far and the transactions writing to the outbox right now. A writer joins
     * the writers' lock before it takes an id (see {@link Outbox}), and the id is read first: so every
     * id up to {@code lastId} is final once each of these {@code writers} has ended (virtual
     * transaction ids are never reused while the server runs).
     */
    record Fence(long lastId, Set<String> writers) {

        static Fence take(Connection c) throws SQLException {
            long lastId;
            // with the sequence's default cache of 1, last_value is the last id any session took
            try (PreparedStatement ps = c.prepareStatement("select case when is_called then last_value else 0 end from outbox_event_id_seq");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                lastId = rs.getLong(1);
            }
            Set<String> writers = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select virtualtransaction from pg_locks
                     where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())
                       and classid::bigint = ? and objid::bigint = ? and objsubid = 1""")) {
                ps.setLong(1, Outbox.WRITERS_LOCK >>> 32);
                ps.setLong(2, Outbox.WRITERS_LOCK & 0xffff_ffffL);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        writers.add(rs.getString(1));
                    }
                }
            }
            return new Fence(lastId, writers);
        }
    }
}
