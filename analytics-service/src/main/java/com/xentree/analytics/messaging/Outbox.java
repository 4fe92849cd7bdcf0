package com.xentree.analytics.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The transactional outbox: events are written as rows in the same transaction as the change that
 * produced them; {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {

    /** One event to announce: its topic, record key (user id) and value; a null value is a tombstone (compacted topics). */
    public record Message(String topic, String key, Object event) {
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    Outbox(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Must be called inside the transaction of the change. */
    public void add(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into outbox_event (topic, record_key, payload) values (?, ?, ?)")) {
            for (Message m : messages) {
                ps.setString(1, m.topic());
                ps.setString(2, m.key());
                ps.setString(3, m.event() == null ? null : json.writeValueAsString(m.event()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
    }
}
