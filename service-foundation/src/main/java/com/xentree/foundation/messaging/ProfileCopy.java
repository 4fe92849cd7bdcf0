package com.xentree.foundation.messaging;

import com.xentree.events.LocalDay;
import com.xentree.events.UserProfileChanged;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;

/**
 * A service's copy of the users' profile facts from {@code user.profile.v1}: one upsert per fact in
 * one JDBC batch, so a user named twice in a poll gets the later fact after the earlier. The upsert's
 * first parameters are {@link #COLUMNS} in that order; a service binds the columns it adds after them.
 */
public final class ProfileCopy {

    /** The facts every copy keeps; {@code updated_at} is when the fact was announced. */
    public static final String COLUMNS = "user_id, username, full_name, email, avatar_url, time_zone, updated_at, created_at";
    /** One {@code ?} per column of {@link #COLUMNS}. */
    public static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?";
    private static final int FIRST_EXTRA = 9;

    /** Binds a service's own columns, from parameter {@code first} on. */
    @FunctionalInterface
    public interface Extra {
        void bind(PreparedStatement ps, int first, UserProfileChanged event) throws SQLException;
    }

    public static final Extra NOTHING_MORE = (ps, first, event) -> {
    };

    private ProfileCopy() {
    }

    /** Runs {@code upsert} once per event, in the caller's transaction. */
    public static void write(DataSource dataSource, String upsert, List<UserProfileChanged> events, Extra extra) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(upsert)) {
            for (UserProfileChanged e : events) {
                bindFacts(ps, e);
                extra.bind(ps, FIRST_EXTRA, e);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record user profiles", e);
        }
    }

    private static void bindFacts(PreparedStatement ps, UserProfileChanged e) throws SQLException {
        ps.setString(1, e.userId());
        ps.setString(2, e.username());
        ps.setString(3, e.fullName());
        ps.setString(4, e.email());
        ps.setString(5, e.avatarUrl());
        ps.setString(6, e.timeZone() == null ? LocalDay.DEFAULT_ZONE.getId() : e.timeZone());
        ps.setTimestamp(7, Timestamp.from(e.occurredAt()));
        ps.setTimestamp(8, e.createdAt() == null ? null : Timestamp.from(e.createdAt()));
    }
}
