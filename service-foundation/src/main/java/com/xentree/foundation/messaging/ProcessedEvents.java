package com.xentree.foundation.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The idempotency ledger of every consumer: an event id is applied at most once, ever. */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    AgroalDataSource dataSource;

    /**
     * Records the ids as processed for the topic and returns those that were not processed before.
     * Must run inside the transaction that applies them, so both commit or neither does.
     */
    public Set<UUID> claim(String topic, Collection<UUID> eventIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into processed_event (topic, event_id) select ?, unnest(?) "
                     + "on conflict do nothing returning event_id")) {
            Array ids = c.createArrayOf("uuid", eventIds.toArray());
            ps.setString(1, topic);
            ps.setArray(2, ids);
            Set<UUID> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
            return fresh;
        }
    }
}
