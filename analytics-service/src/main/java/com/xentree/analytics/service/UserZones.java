package com.xentree.analytics.service;

import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The time zones of users as this service knows them from {@code user.profile.v1}. */
@ApplicationScoped
public class UserZones {

    @Inject
    AgroalDataSource dataSource;

    /** Zones of those users that have one; users not seen yet are absent. */
    public Map<String, String> of(Collection<String> userIds) {
        Map<String, String> zones = new HashMap<>();
        if (userIds.isEmpty()) {
            return zones;
        }
        try (Connection c = dataSource.getConnection()) {
            Sql.each(c, "select user_id, time_zone from user_profile where user_id = any(?)",
                    rs -> zones.put(rs.getString(1), rs.getString(2)), c.createArrayOf("text", userIds.toArray()));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read user time zones", e);
        }
        return zones;
    }
}
