package com.xentree.analytics.service;

import com.xentree.analytics.Quests;
import com.xentree.analytics.Streaks;
import com.xentree.events.LocalDay;
import com.xentree.foundation.sql.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads of one user's per-day facts, shared by the progress tracker and the read endpoints. */
final class LearnerFacts {

    private LearnerFacts() {
    }

    static String zone(Connection c, String userId) throws SQLException {
        return Sql.first(c, "select time_zone from user_profile where user_id = ?", rs -> rs.getString(1), userId)
                .orElse(LocalDay.DEFAULT_ZONE.getId());
    }

    /** The user's streak standing on {@code today} (their local date), from their active and repaired days. */
    static Streaks.Status streak(Connection c, String userId, LocalDate today) throws SQLException {
        return Streaks.compute(activeDays(c, userId), repairedDays(c, userId), today);
    }

    static Set<LocalDate> activeDays(Connection c, String userId) throws SQLException {
        return Sql.<Set<LocalDate>>first(c, "select active_days from user_activity where user_id = ?",
                rs -> new HashSet<>(epochDays(rs.getArray(1))), userId)
                .orElse(Set.of());
    }

    /** The days of a {@code user_activity.active_days} array (epoch days); none for SQL null. */
    static List<LocalDate> epochDays(Array epochDays) throws SQLException {
        if (epochDays == null) {
            return List.of();
        }
        Integer[] values = (Integer[]) epochDays.getArray();
        List<LocalDate> days = new ArrayList<>(values.length);
        for (Integer d : values) {
            days.add(LocalDate.ofEpochDay(d));
        }
        return days;
    }

    static Set<LocalDate> repairedDays(Connection c, String userId) throws SQLException {
        return new HashSet<>(Sql.list(c, "select day from streak_repair where user_id = ?", rs -> rs.getObject(1, LocalDate.class),
                userId));
    }

    static long totalXp(Connection c, String userId) throws SQLException {
        return Sql.number(c, "select coalesce(max(total_xp), 0) from user_xp where user_id = ?", userId);
    }

    /** The user's level: 1 before any XP. */
    static int level(Connection c, String userId) throws SQLException {
        return (int) Math.max(1, Sql.number(c, "select coalesce(max(level), 1) from user_xp where user_id = ?", userId));
    }

    static Quests.DayTotals dayTotals(Connection c, String userId, LocalDate day) throws SQLException {
        return Sql.first(c, "select learning_seconds, sessions, xp from user_day where user_id = ? and day = ?",
                rs -> new Quests.DayTotals(rs.getLong(1), rs.getInt(2), rs.getLong(3)), userId, day).orElse(new Quests.DayTotals(0, 0, 0));
    }
}
