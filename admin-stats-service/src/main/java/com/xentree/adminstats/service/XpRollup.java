package com.xentree.adminstats.service;

import com.xentree.events.XpAwarded;
import com.xentree.foundation.messaging.XpAwardedHandler;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Adds {@code xp.awarded.v1} to the per-member, per-local-day rollups: XP and the highest level
 * reached that day (XP and levels are computed by profile-service only).
 */
@ApplicationScoped
public class XpRollup implements XpAwardedHandler {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void apply(List<XpAwarded> events) {
        int n = events.size();
        Object[] users = new Object[n], days = new Object[n], xp = new Object[n], levels = new Object[n];
        for (int i = 0; i < n; i++) {
            users[i] = events.get(i).userId();
            days[i] = java.sql.Date.valueOf(events.get(i).localDay());
            xp[i] = (long) events.get(i).xp();
            levels[i] = events.get(i).levelAfter();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into member_day (user_id, day, xp, level_after)
                     select u, d, sum(x), max(l) from unnest(?::text[], ?::date[], ?::bigint[], ?::int[]) as t(u, d, x, l)
                      group by u, d order by u, d
                     on conflict (user_id, day) do update
                        set xp = member_day.xp + excluded.xp,
                            level_after = greatest(member_day.level_after, excluded.level_after)""")) {
            ps.setArray(1, c.createArrayOf("text", users));
            ps.setArray(2, c.createArrayOf("date", days));
            ps.setArray(3, c.createArrayOf("bigint", xp));
            ps.setArray(4, c.createArrayOf("int4", levels));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not roll up XP", e);
        }
    }
}
