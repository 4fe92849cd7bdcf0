package com.xentree.adminstats.service;

import com.xentree.adminstats.messaging.LearningActivityHandler;
import com.xentree.events.LearningActivity;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Folds {@code learning.activity.v1} into per-user, per-local-day rollups with one set-based
 * statement per batch; dashboards read these and membership, never raw events.
 */
@ApplicationScoped
public class ActivityRollup implements LearningActivityHandler {

    private final AgroalDataSource dataSource;

    ActivityRollup(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void apply(List<LearningActivity> events) {
        int n = events.size();
        Object[] users = new Object[n], days = new Object[n], seconds = new Object[n], scores = new Object[n];
        for (int i = 0; i < n; i++) {
            LearningActivity e = events.get(i);
            users[i] = e.userId();
            days[i] = java.sql.Date.valueOf(e.localDay());
            seconds[i] = e.durationSeconds();
            scores[i] = e.score();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into member_day (user_id, day, learning_seconds, sessions, score_sum, score_count)
                     select u, d, sum(s), count(*), coalesce(sum(sc), 0), count(sc)
                       from unnest(?::text[], ?::date[], ?::bigint[], ?::int[]) as t(u, d, s, sc)
                      group by u, d
                     on conflict (user_id, day) do update
                        set learning_seconds = member_day.learning_seconds + excluded.learning_seconds,
                            sessions = member_day.sessions + excluded.sessions,
                            score_sum = member_day.score_sum + excluded.score_sum,
                            score_count = member_day.score_count + excluded.score_count""")) {
            ps.setArray(1, c.createArrayOf("text", users));
            ps.setArray(2, c.createArrayOf("date", days));
            ps.setArray(3, c.createArrayOf("bigint", seconds));
            ps.setArray(4, c.createArrayOf("int4", scores));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not roll up activities", e);
        }
    }
}
