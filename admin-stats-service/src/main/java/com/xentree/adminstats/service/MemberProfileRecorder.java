package com.xentree.adminstats.service;

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

/**
 * Keeps members' names, emails, avatars and zones from {@code user.profile.v1} (the newest fact wins),
 * and when each user came into being on the platform (the earliest announced), which bounds back-dated joins.
 */
@ApplicationScoped
public class MemberProfileRecorder implements UserProfileHandler {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void apply(List<UserProfileChanged> events) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into member_profile (user_id, username, full_name, email, avatar_url, time_zone, updated_at, created_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?)
                     on conflict (user_id) do update
                        set username = excluded.username, full_name = excluded.full_name, email = excluded.email,
                            avatar_url = excluded.avatar_url, time_zone = excluded.time_zone, updated_at = excluded.updated_at,
                            created_at = least(member_profile.created_at, excluded.created_at)
                      where member_profile.updated_at <= excluded.updated_at""")) {
            for (UserProfileChanged e : events) {
                ps.setString(1, e.userId());
                ps.setString(2, e.username());
                ps.setString(3, e.fullName());
                ps.setString(4, e.email());
                ps.setString(5, e.avatarUrl());
                ps.setString(6, e.timeZone() == null ? LocalDay.DEFAULT_ZONE.getId() : e.timeZone());
                ps.setTimestamp(7, Timestamp.from(e.occurredAt()));
                ps.setTimestamp(8, e.createdAt() == null ? null : Timestamp.from(e.createdAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record member profiles", e);
        }
    }
}
