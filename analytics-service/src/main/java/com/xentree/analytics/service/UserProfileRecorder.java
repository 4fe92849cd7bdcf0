package com.xentree.analytics.service;

import com.xentree.events.LocalDay;
import com.xentree.events.UserProfileChanged;
import com.xentree.foundation.messaging.UserProfileHandler;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** Keeps the users' names and time zones from {@code user.profile.v1}; the newest fact wins. */
@ApplicationScoped
public class UserProfileRecorder implements UserProfileHandler {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void apply(List<UserProfileChanged> events) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into user_profile (user_id, username, full_name, avatar_url, time_zone, updated_at, email, created_at,
                                               public_profile)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                     on conflict (user_id) do update
                        set username = excluded.username, full_name = excluded.full_name, avatar_url = excluded.avatar_url,
                            time_zone = excluded.time_zone, updated_at = excluded.updated_at, email = excluded.email,
                            created_at = excluded.created_at, public_profile = excluded.public_profile
                      where user_profile.updated_at <= excluded.updated_at""")) {
            for (UserProfileChanged e : events) {
                ps.setString(1, e.userId());
                ps.setString(2, e.username());
                ps.setString(3, e.fullName());
                ps.setString(4, e.avatarUrl());
                ps.setString(5, e.timeZone() == null ? LocalDay.DEFAULT_ZONE.getId() : e.timeZone());
                ps.setTimestamp(6, Timestamp.from(e.occurredAt()));
                ps.setString(7, e.email());
                ps.setTimestamp(8, e.createdAt() == null ? null : Timestamp.from(e.createdAt()));
                ps.setBoolean(9, e.publicProfile());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record user profiles", e);
        }
    }
}
