package com.xentree.profile.service;

import com.xentree.foundation.sql.Sql;
import com.xentree.profile.Levels;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Recomputes everything derived from the XP ledger (per-day counts, totals, levels) from the ledger
 * alone. Consumers wait while it runs, so it sees a ledger that does not move.
 */
@ApplicationScoped
public class XpRebuildService {

    /** How many users the ledger holds, their XP, and how many totals were wrong and corrected. */
    public record Result(long users, long totalXp, long correctedUsers) {
    }

    private static final int MAX_ATTEMPTS = 3;
    private static final String DEADLOCK = "40P01";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    /**
     * Consumers take their locks row by row as a batch goes, so one of them can hold a table the
     * rebuild is about to lock while waiting for one the rebuild holds; PostgreSQL then aborts one
     * side. When that is the rebuild, it runs again in a new transaction (the consumer's batch has
     * gone through by then).
     */
    public Result rebuild() {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(this::rebuildOnce);
            } catch (IllegalStateException e) {
                if (attempt == MAX_ATTEMPTS || !(e.getCause() instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState()))) {
                    throw e;
                }
            }
        }
    }

    private Result rebuildOnce() {
        try (Connection c = dataSource.getConnection()) {
            Sql.execute(c, "lock table xp_ledger, xp_daily, user_xp in share row exclusive mode");
            Sql.update(c, "delete from xp_daily");
            Sql.update(c, """
                    insert into xp_daily (user_id, local_day, category, granted_xp, capped_xp)
                    select user_id, local_day, category, sum(xp), sum(capped_xp) from xp_ledger group by user_id, local_day, category""");
            // user -> "total/level" as stored, to count what the rebuild corrects
            Map<String, String> stored = new HashMap<>();
            Sql.each(c, "select user_id, total_xp, level from user_xp",
                    rs -> stored.put(rs.getString(1), rs.getLong(2) + "/" + rs.getInt(3)));
            Map<String, Long> fromLedger = new HashMap<>();
            Sql.each(c, "select user_id, sum(xp) from xp_ledger group by user_id", rs -> fromLedger.put(rs.getString(1), rs.getLong(2)));
            stored.keySet().forEach(u -> fromLedger.putIfAbsent(u, 0L));
            long corrected = 0;
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into user_xp (user_id, total_xp, level, updated_at) values (?, ?, ?, ?)
                    on conflict (user_id) do update set total_xp = excluded.total_xp, level = excluded.level,
                                                        updated_at = excluded.updated_at""")) {
                Timestamp now = Timestamp.from(clock.instant());
                for (Map.Entry<String, Long> e : fromLedger.entrySet()) {
                    total += e.getValue();
                    int level = Levels.levelFor(e.getValue());
                    if ((e.getValue() + "/" + level).equals(stored.get(e.getKey()))) {
                        continue;
                    }
                    corrected++;
                    ps.setString(1, e.getKey());
                    ps.setLong(2, e.getValue());
                    ps.setInt(3, level);
                    ps.setTimestamp(4, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new Result(fromLedger.size(), total, corrected);
        } catch (SQLException e) {
            throw new IllegalStateException("could not rebuild XP totals", e);
        }
    }
}
