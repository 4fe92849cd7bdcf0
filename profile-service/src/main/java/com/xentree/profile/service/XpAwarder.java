package com.xentree.profile.service;

import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import com.xentree.events.XpAwarded;
import com.xentree.profile.Levels;
import com.xentree.profile.messaging.LearningActivityHandler;
import com.xentree.profile.messaging.Outbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Credits XP for {@code learning.activity.v1}: one append-only ledger row per activity (unique by
 * source event id), the user's running total and level, and an {@code xp.awarded.v1} event written
 * to the outbox in the same transaction.
 */
@ApplicationScoped
public class XpAwarder implements LearningActivityHandler {

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    XpAwarder(AgroalDataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void apply(List<LearningActivity> events) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> totals = lockTotals(c, events.stream().map(LearningActivity::userId).distinct().toList());
            List<XpAwarded> awards = new ArrayList<>(events.size());
            for (LearningActivity e : events) {
                int base = e.baseXp();
                double multiplier = 1.0;
                int xp = (int) Math.floor(base * multiplier);
                long after = totals.merge(e.userId(), (long) xp, Long::sum);
                awards.add(new XpAwarded(UUID.randomUUID(), e.eventId(), e.userId(), e.occurredAt(), e.timeZone(), e.category(),
                        base, multiplier, xp, after, Levels.levelFor(after)));
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into xp_ledger (source_event_id, user_id, occurred_at, local_day, category, base_xp, multiplier, xp,
                                           total_xp_after, level_after)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < events.size(); i++) {
                    LearningActivity e = events.get(i);
                    XpAwarded a = awards.get(i);
                    ps.setObject(1, e.eventId());
                    ps.setString(2, e.userId());
                    ps.setTimestamp(3, Timestamp.from(e.occurredAt()));
                    ps.setObject(4, e.localDay());
                    ps.setString(5, e.category());
                    ps.setInt(6, a.baseXp());
                    ps.setDouble(7, a.multiplier());
                    ps.setInt(8, a.xp());
                    ps.setLong(9, a.totalXpAfter());
                    ps.setInt(10, a.levelAfter());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into user_xp (user_id, total_xp, level, updated_at) values (?, ?, ?, ?)
                    on conflict (user_id) do update set total_xp = excluded.total_xp, level = excluded.level,
                                                        updated_at = excluded.updated_at""")) {
                Timestamp now = Timestamp.from(clock.instant());
                for (Map.Entry<String, Long> t : totals.entrySet()) {
                    ps.setString(1, t.getKey());
                    ps.setLong(2, t.getValue());
                    ps.setInt(3, Levels.levelFor(t.getValue()));
                    ps.setTimestamp(4, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            outbox.add(awards.stream().map(a -> new Outbox.Message(Topics.XP_AWARDED, a.userId(), a)).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("could not credit XP", e);
        }
    }

    /** Current totals of the users, row-locked so concurrent batches of one user serialise. */
    private Map<String, Long> lockTotals(Connection c, List<String> users) throws SQLException {
        Map<String, Long> totals = new HashMap<>();
        for (String u : users) {
            totals.put(u, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select user_id, total_xp from user_xp where user_id = any(?) order by user_id for update")) {
            ps.setArray(1, c.createArrayOf("text", users.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return totals;
    }
}
