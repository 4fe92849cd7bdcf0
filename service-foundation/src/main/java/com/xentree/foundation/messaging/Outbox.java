package com.xentree.foundation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper json;

    /**
     * Advisory lock every outbox writer holds in shared mode from before it takes its first id until
     * its transaction ends; {@link OutboxRelay} reads who holds it to know which ids may still appear.
     */
    static final long WRITERS_LOCK = 0x7e47_0b0aL;

    /** Must be called inside the transaction of the change. */
    public void add(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            joinWriters(c);
            insert(c, messages);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
    }

    /**
     * Ids are taken at insert but become visible at commit, so a later id can be visible before an
     * earlier one; the relay publishes an id only once every writer that held this lock when the id
     * was taken has ended. Shared mode: writers never wait for each other.
     */
    private static void joinWriters(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
            ps.setLong(1, WRITERS_LOCK);
            ps.execute();
        }
    }

    /** One statement for the whole list; rows get their ids in list order, the order the relay publishes in. */
    private void insert(Connection c, List<Message> messages) throws SQLException, JsonProcessingException {
        try (PreparedStatement ps = c.prepareStatement("""
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
        }
    }
}
