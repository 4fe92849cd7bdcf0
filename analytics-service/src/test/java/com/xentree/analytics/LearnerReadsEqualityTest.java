package com.xentree.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.analytics.service.LearnerAnalyticsService;
import com.xentree.events.Topics;
import com.xentree.events.UserProfileChanged;
import com.xentree.testing.TestClock;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The learner reads answer from rendered, versioned state (issue 21): for generated learners, each
 * answer over HTTP equals the answer computed the way it was before (the service's own computation,
 * rendered by the application's JSON mapper), when first asked, when asked again, after new events,
 * after a repair and a zone change, and when the day turns without any event.
 */
@QuarkusTest
class LearnerReadsEqualityTest {

    private static final String[] ZONES = {"UTC", "Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"};

    @Inject
    AgroalDataSource db;
    @Inject
    LearnerAnalyticsService analytics;
    @Inject
    ObjectMapper json;

    private record Learner(String id, String zone) {
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void everyReadEqualsTheComputedAnswerThroughEventsRepairsZoneChangesAndTurningDays() throws Exception {
        Learners learners = new Learners(db);
        Random random = new Random(21);
        LocalDate today = LocalDate.of(2026, 10, 14);
        TestClock.set(Learners.at(today, 23, 0, "UTC")); // late enough that every zone's 9-11 am of today has passed
        List<Learner> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String zone = ZONES[i % ZONES.length];
            Learner l = new Learner(learners.create("eq" + i, zone), zone);
            all.add(l);
            int n = 0;
            for (int back = 20; back >= 0; back--) {
                if (random.nextInt(3) > 0) { // about two days in three, so streaks both hold and break
                    learners.learn(l.id(), Learners.at(today.minusDays(back), 9 + random.nextInt(3), 0, zone), zone,
                            60L * (1 + random.nextInt(40)), random.nextBoolean() ? "english" : "live");
                    n++;
                }
            }
            learners.awaitActivities(l.id(), n);
        }
        assertAllEqual(all, "after the history");
        assertAllEqual(all, "asked again");

        // new events today for half of them, XP for the other half (quests count XP too)
        for (int i = 0; i < all.size(); i++) {
            Learner l = all.get(i);
            if (i % 2 == 0) {
                long before = learners.count("select count(*) from activity where user_id = ?", l.id());
                learners.learn(l.id(), Learners.at(today, 22, 0, "UTC"), l.zone(), 45 * 60, "english"); // an hour ago
                learners.awaitActivities(l.id(), before + 1);
            } else {
                long xp = learners.count("select coalesce(sum(xp), 0) from user_day where user_id = ?", l.id());
                learners.xp(l.id(), Learners.at(today, 22, 0, "UTC"), l.zone(), "vocabulary", 250, xp + 250, 2);
                learners.awaitXp(l.id(), xp + 250);
            }
        }
        assertAllEqual(all, "after new events");

        // the day turns, twice, without any event: "today" moves in every answer
        TestClock.set(Learners.at(today.plusDays(1), 23, 0, "UTC"));
        assertAllEqual(all, "a day later");
        TestClock.set(Learners.at(today.plusDays(2), 23, 0, "UTC"));
        assertAllEqual(all, "two days later");

        // a repair (where there is something to repair) and a zone change
        for (Learner l : all) {
            given().auth().oauth2(TestSupport.token(l.id())).post("/api/xp/streak/repair");
        }
        Learner moved = all.get(0);
        TestSupport.send(Topics.USER_PROFILE, moved.id(), new UserProfileChanged(UUID.randomUUID(), Instant.now(), moved.id(),
                "eq_" + moved.id().substring(moved.id().length() - 6), "Learner eq", moved.id() + "@example.com", null, "Pacific/Kiritimati",
                Instant.parse("2025-01-01T00:00:00Z"), true));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> learners.count(
                "select count(*) from user_profile where user_id = ? and time_zone = 'Pacific/Kiritimati'", moved.id()) == 1);
        assertAllEqual(all, "after repairs and a zone change");
    }

    @Test
    void aMatchingEtagIsAnsweredWith304UntilTheAnswerChanges() {
        Learners learners = new Learners(db);
        LocalDate today = LocalDate.of(2026, 10, 14);
        String token = TestSupport.token(learnedTenMinutesToday(learners, "etag", today));
        for (String path : List.of("/api/xp/streak", "/api/xp/quests", "/api/xp/learning-pulse")) {
            String tag = given().auth().oauth2(token).get(path).then().statusCode(200).extract().header("ETag");
            assertNotNull(tag, path);
            given().auth().oauth2(token).header("If-None-Match", tag).get(path).then().statusCode(304);
            TestClock.set(Learners.at(today.plusDays(1), 12, 0, "UTC")); // a new day is a new answer
            String next = given().auth().oauth2(token).header("If-None-Match", tag).get(path).then().statusCode(200).extract().header("ETag");
            assertNotEquals(tag, next, path);
            TestClock.set(Learners.at(today, 12, 0, "UTC"));
        }
        // another learner's tag is not this learner's
        String tag = given().auth().oauth2(token).get("/api/xp/streak").then().extract().header("ETag");
        given().auth().oauth2(TestSupport.token(learners.create("other", "UTC"))).header("If-None-Match", tag).get("/api/xp/streak")
                .then().statusCode(200);
    }

    @Test
    void aChangeWrittenByAnotherReplicaIsSeenOnceTheChangeLogIsRead() throws Exception {
        Learners learners = new Learners(db);
        LocalDate today = LocalDate.of(2026, 10, 14);
        String user = learnedTenMinutesToday(learners, "elsewhere", today);
        String token = TestSupport.token(user);
        given().auth().oauth2(token).get("/api/xp/streak").then().statusCode(200).body("current_streak", org.hamcrest.Matchers.equalTo(1));
        // yesterday becomes active, written past this replica's consumers and requests (as another replica's would be)
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update user_activity set active_days = array_prepend(?, active_days) where user_id = ?")) {
            ps.setInt(1, (int) today.minusDays(1).toEpochDay());
            ps.setString(2, user);
            assertEquals(1, ps.executeUpdate());
        }
        // the background poll reads the change log every 20 ms: well within a second, even on a busy machine
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/xp/streak").then().statusCode(200).body("current_streak", org.hamcrest.Matchers.equalTo(2)));
        assertAllEqual(List.of(new Learner(user, "UTC")), "after another replica's write");
    }

    /** A new learner in UTC, at noon of {@code today}, who learned ten minutes this morning. */
    private static String learnedTenMinutesToday(Learners learners, String name, LocalDate today) {
        String user = learners.create(name, "UTC");
        TestClock.set(Learners.at(today, 12, 0, "UTC"));
        learners.learn(user, Learners.at(today, 9, 0, "UTC"), "UTC", 600, "english");
        learners.awaitActivities(user, 1);
        return user;
    }

    private void assertAllEqual(List<Learner> all, String when) throws Exception {
        Map<String, Function<String, Object>> reads = Map.of(
                "/api/xp/streak", analytics::streak,
                "/api/xp/quests", analytics::quests,
                "/api/xp/learning-pulse", analytics::pulse);
        for (Learner l : all) {
            for (var read : reads.entrySet()) {
                Response r = given().auth().oauth2(TestSupport.token(l.id())).get(read.getKey());
                assertEquals(200, r.statusCode(), read.getKey());
                JsonNode computed = json.readTree(json.writeValueAsBytes(read.getValue().apply(l.id())));
                assertEquals(computed, json.readTree(r.asByteArray()), read.getKey() + " of " + l.id() + " " + when);
            }
        }
    }
}
