package com.xentree.analytics;

import static org.awaitility.Awaitility.await;

import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import com.xentree.events.UserProfileChanged;
import com.xentree.events.XpAwarded;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

/** Test fixtures: learners with a zone, their activities and XP, through the real topics. */
final class Learners {

    private final AgroalDataSource db;

    Learners(AgroalDataSource db) {
        this.db = db;
    }

    String create(String prefix, String zone) {
        return create(prefix, zone, true);
    }

    String create(String prefix, String zone, boolean publicProfile) {
        return createWithId(prefix + "-" + UUID.randomUUID(), prefix, zone, publicProfile);
    }

    String createWithId(String user, String prefix, String zone, boolean publicProfile) {
        TestSupport.send(Topics.USER_PROFILE, user, new UserProfileChanged(UUID.randomUUID(), Instant.now(), user,
                prefix + "_" + user.substring(user.length() - 6), "Learner " + prefix, user + "@example.com", null, zone,
                Instant.parse("2025-01-01T00:00:00Z"), publicProfile));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from user_profile where user_id = ?", user) == 1);
        return user;
    }

    /** An activity at a local date and time in the zone. */
    static Instant at(LocalDate day, int hour, int minute, String zone) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(ZoneId.of(zone)).toInstant();
    }

    LearningActivity learn(String user, Instant at, String zone, long seconds, String source) {
        LearningActivity a = new LearningActivity(UUID.randomUUID(), user, at, zone, "lesson_completed", source, "vocabulary", seconds,
                null, null);
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, a);
        return a;
    }

    void xp(String user, Instant at, String zone, String category, int xp, long totalAfter, int levelAfter) {
        TestSupport.send(Topics.XP_AWARDED, user, new XpAwarded(UUID.randomUUID(), UUID.randomUUID(), user, at, zone, category,
                XpAwarded.ACTIVITY, xp, 1.0, xp, 0, totalAfter, levelAfter));
    }

    void awaitActivities(String user, long n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from activity where user_id = ?", user) == n);
    }

    void awaitXp(String user, long total) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select coalesce(sum(xp), 0) from user_day where user_id = ?", user) == total);
    }

    long count(String sql, String user) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
