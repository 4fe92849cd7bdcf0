package com.xentree.foundation.messaging;

import com.xentree.foundation.config.MessagingConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in id order and deletes them only after the broker acknowledged them: the
 * table holds just what is still to send, so each batch reads the head of the primary key (rows kept
 * as "published" made every scan wade through the entries of rows just sent). The broker keeps the
 * published records. A transaction-scoped advisory lock lets one replica relay at a time, which keeps
 * per-key order. A crash between publish and delete re-sends: consumers skip the duplicate by its
 * event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x7e47_0b0bL;
    private static final int BATCH = 500;

    private final AgroalDataSource dataSource;
    private final KafkaClients kafka;
    private final MessagingConfig config;
    private volatile boolean running = true;
    private volatile boolean healthy = true;
    private Thread thread;

    OutboxRelay(AgroalDataSource dataSource, KafkaClients kafka, MessagingConfig config) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config;
    }

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
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, RELAY_LOCK);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, topic, record_key, payload from outbox_event order by id limit " + BATCH)) {
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
            return ids.size();
        }
    }
}
