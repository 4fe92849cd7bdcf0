package com.xentree.adminstats.service;

import static com.xentree.foundation.sql.SqlArrays.column;

import com.xentree.events.XpAwarded;
import com.xentree.foundation.messaging.XpAwardedHandler;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
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
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, """
                    insert into member_day (user_id, day, xp, level_after)
                    select u, d, sum(x), max(l) from unnest(?::text[], ?::date[], ?::bigint[], ?::int[]) as t(u, d, x, l)
                     group by u, d order by u, d
                    on conflict (user_id, day) do update
                       set xp = member_day.xp + excluded.xp,
                           level_after = greatest(member_day.level_after, excluded.level_after)""",
                    column(c, "text", events, XpAwarded::userId),
                    column(c, "date", events, e -> java.sql.Date.valueOf(e.localDay())),
                    column(c, "bigint", events, e -> (long) e.xp()),
                    column(c, "int4", events, XpAwarded::levelAfter));
        } catch (SQLException e) {
            throw new IllegalStateException("could not roll up XP", e);
        }
    }
}
