package com.xentree.analytics.service;

import static com.xentree.foundation.sql.SqlArrays.column;

import com.xentree.events.XpAwarded;
import com.xentree.foundation.messaging.XpAwardedHandler;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records {@code xp.awarded.v1} (profile-service computes XP; this service only adds it up): XP per
 * user and local day, per category, and the user's total and level; then refreshes quests and
 * achievements that depend on XP.
 */
@ApplicationScoped
public class XpAwardRecorder implements XpAwardedHandler {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LearnerProgress progress;

    @Override
    public String consumerGroup() {
        return LearnerProgress.CONSUMER_GROUP;
    }

    @Override
    public int applyOrder() {
        return 1; // after the poll's activities
    }

    @Override
    public void apply(List<XpAwarded> events) {
        int n = events.size();
        Object[] users = new Object[n], days = new Object[n], categories = new Object[n], xp = new Object[n], totals = new Object[n],
                levels = new Object[n];
        Map<String, Instant> latest = new HashMap<>();
        for (int i = 0; i < n; i++) {
            XpAwarded e = events.get(i);
            users[i] = e.userId();
            days[i] = java.sql.Date.valueOf(e.localDay());
            categories[i] = e.category();
            xp[i] = (long) e.xp();
            totals[i] = e.totalXpAfter();
            levels[i] = e.levelAfter();
            latest.merge(e.userId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, """
                    insert into user_day (user_id, day, xp)
                    select u, d, sum(x) from unnest(?::text[], ?::date[], ?::bigint[]) as t(u, d, x) group by u, d order by u, d
                    on conflict (user_id, day) do update set xp = user_day.xp + excluded.xp""",
                    c.createArrayOf("text", users), c.createArrayOf("date", days), c.createArrayOf("bigint", xp));
            Sql.update(c, """
                    insert into user_day_xp (user_id, day, category, xp)
                    select u, d, cat, sum(x) from unnest(?::text[], ?::date[], ?::text[], ?::bigint[]) as t(u, d, cat, x)
                    group by u, d, cat order by u, d, cat
                    on conflict (user_id, day, category) do update set xp = user_day_xp.xp + excluded.xp""",
                    c.createArrayOf("text", users), c.createArrayOf("date", days), c.createArrayOf("text", categories),
                    c.createArrayOf("bigint", xp));
            // totals only grow: the largest total announced is the newest, whatever order awards arrive in
            Sql.update(c, """
                    insert into user_xp (user_id, total_xp, level)
                    select distinct on (u) u, t, l from unnest(?::text[], ?::bigint[], ?::int[]) as x(u, t, l) order by u, t desc
                    on conflict (user_id) do update set total_xp = excluded.total_xp, level = excluded.level
                     where user_xp.total_xp < excluded.total_xp""",
                    c.createArrayOf("text", users), c.createArrayOf("bigint", totals), c.createArrayOf("int4", levels));
            recordAwards(c, events);
            progress.refreshBeforeCommit(latest);
        } catch (SQLException e) {
            throw new IllegalStateException("could not record XP awards", e);
        }
    }

    /** Each award as announced, for the user-details view (XP by source, XP each quest boost added). */
    private static void recordAwards(Connection c, List<XpAwarded> events) throws SQLException {
        Sql.update(c, """
                insert into xp_award (user_id, source_event_id, occurred_at, category, kind, base_xp, multiplier, xp)
                select * from unnest(?::text[], ?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::int[], ?::float8[], ?::int[])""",
                column(c, "text", events, XpAwarded::userId),
                column(c, "uuid", events, XpAwarded::sourceEventId),
                column(c, "timestamptz", events, e -> java.sql.Timestamp.from(e.occurredAt())),
                column(c, "text", events, XpAwarded::category),
                column(c, "text", events, e -> e.kind() == null ? XpAwarded.ACTIVITY : e.kind()),
                column(c, "int4", events, XpAwarded::baseXp),
                column(c, "float8", events, XpAwarded::multiplier),
                column(c, "int4", events, XpAwarded::xp));
    }
}
