package com.xentree.adminstats.service;

import com.xentree.events.LearningActivity;
import com.xentree.events.LocalDay;
import com.xentree.foundation.messaging.LearningActivityHandler;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds {@code learning.activity.v1} into per-user, per-local-day rollups with one set-based
 * statement per batch; dashboards read these and membership, never raw events.
 */
@ApplicationScoped
public class ActivityRollup implements LearningActivityHandler {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void apply(List<LearningActivity> events) {
        int n = events.size();
        Object[] users = new Object[n], days = new Object[n], seconds = new Object[n], scores = new Object[n], at = new Object[n];
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> zones = zonesOfUsersWithout(c, events);
            for (int i = 0; i < n; i++) {
                LearningActivity e = events.get(i);
                users[i] = e.userId();
                days[i] = java.sql.Date.valueOf(LocalDay.of(e.occurredAt(), e.timeZone(), zones.get(e.userId())));
                seconds[i] = e.durationSeconds();
                scores[i] = e.score();
                at[i] = Timestamp.from(e.occurredAt());
            }
            rollUp(c, users, days, seconds, scores);
            Sql.update(c, """
                    insert into member_last_active (user_id, last_active_at)
                    select u, max(t) from unnest(?::text[], ?::timestamptz[]) as x(u, t) group by u order by u
                    on conflict (user_id) do update set last_active_at = greatest(member_last_active.last_active_at, excluded.last_active_at)""",
                    c.createArrayOf("text", users), c.createArrayOf("timestamptz", at));
        } catch (SQLException e) {
            throw new IllegalStateException("could not roll up activities", e);
        }
    }

    /** Zones of the users whose events carry none (the ingestion API stamps one; other producers may not). */
    private static Map<String, String> zonesOfUsersWithout(Connection c, List<LearningActivity> events) throws SQLException {
        Object[] users = events.stream().filter(e -> e.timeZone() == null).map(LearningActivity::userId).distinct().toArray();
        Map<String, String> zones = new HashMap<>();
        if (users.length > 0) {
            Sql.each(c, "select user_id, time_zone from member_profile where user_id = any(?)",
                    rs -> zones.put(rs.getString(1), rs.getString(2)), c.createArrayOf("text", users));
        }
        return zones;
    }

    private static void rollUp(Connection c, Object[] users, Object[] days, Object[] seconds, Object[] scores) throws SQLException {
        Sql.update(c, """
                     insert into member_day (user_id, day, learning_seconds, sessions, score_sum, score_count)
                     select u, d, sum(s), count(*), coalesce(sum(sc), 0), count(sc)
                       from unnest(?::text[], ?::date[], ?::bigint[], ?::int[]) as t(u, d, s, sc)
                      group by u, d order by u, d
                     on conflict (user_id, day) do update
                        set learning_seconds = member_day.learning_seconds + excluded.learning_seconds,
                            sessions = member_day.sessions + excluded.sessions,
                            score_sum = member_day.score_sum + excluded.score_sum,
                            score_count = member_day.score_count + excluded.score_count""",
                c.createArrayOf("text", users), c.createArrayOf("date", days), c.createArrayOf("bigint", seconds),
                c.createArrayOf("int4", scores));
    }
}
