package com.xentree.foundation.messaging;

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
        // one statement for the whole list; rows get their ids in list order, the order the relay publishes in
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into outbox_event (topic, record_key, payload)
                     select t, k, p from unnest(?::text[], ?::text[], ?::text[]) with ordinality as m(t, k, p, n) order by n""")) {
            String[] topics = new String[messages.size()];
            String[] keys = new String[messages.size()];
            String[] payloads = new String[messages.size()];
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                topics[i] = m.topic();
                keys[i] = m.key();
                payloads[i] = m.event() == null ? null : json.writeValueAsString(m.event());
            }
            ps.setArray(1, c.createArrayOf("text", topics));
            ps.setArray(2, c.createArrayOf("text", keys));
            ps.setArray(3, c.createArrayOf("text", payloads));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
    }
}
