package com.xentree.analytics.service;

import com.xentree.analytics.Quests;
import com.xentree.analytics.Streaks;
import com.xentree.events.LocalDay;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        try (PreparedStatement ps = c.prepareStatement("select time_zone from user_profile where user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : LocalDay.DEFAULT_ZONE.getId();
            }
        }
    }

    /** The user's streak standing on {@code today} (their local date), from their active and repaired days. */
    static Streaks.Status streak(Connection c, String userId, LocalDate today) throws SQLException {
        return Streaks.compute(activeDays(c, userId), repairedDays(c, userId), today);
    }

    static Set<LocalDate> activeDays(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select active_days from user_activity where user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new HashSet<>(epochDays(rs.getArray(1))) : Set.of();
            }
        }
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
        return days(c, "select day from streak_repair where user_id = ?", userId);
    }

    static Quests.DayTotals dayTotals(Connection c, String userId, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select learning_seconds, sessions, xp from user_day where user_id = ? and day = ?")) {
            ps.setString(1, userId);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Quests.DayTotals(rs.getLong(1), rs.getInt(2), rs.getLong(3)) : new Quests.DayTotals(0, 0, 0);
            }
        }
    }

    static long scalar(Connection c, String sql, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static Set<LocalDate> days(Connection c, String sql, String userId) throws SQLException {
        Set<LocalDate> days = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getObject(1, LocalDate.class));
                }
            }
        }
        return days;
    }
}
