package com.xentree.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.LearningActivity;
import com.xentree.events.LocalDay;
import com.xentree.events.ProgressEvent;
import com.xentree.events.QuestItem;
import com.xentree.events.Topics;
import com.xentree.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class XpResourceTest {

    private static JsonPath profile(String token) {
        return given().auth().oauth2(token).get("/api/xp/profile").then().statusCode(200).extract().jsonPath();
    }

    private static void awaitTotal(String token, long total) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(total, profile(token).getLong("total_xp")));
    }

    private static void send(LearningActivity a) {
        TestSupport.send(Topics.LEARNING_ACTIVITY, a.userId(), a);
    }

    @Test
    void levelsFollowTheCurveAtItsBoundaries() {
        String user = "levels-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        given().auth().oauth2(token).get("/api/xp/profile").then().statusCode(200)
                .body("total_xp", equalTo(0)).body("level", equalTo(1)).body("current_level_xp", equalTo(0))
                .body("xp_needed_for_next_level", equalTo(100));
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        // {xp to add, total, level, current_level_xp, xp_needed_for_next_level}
        long[][] steps = {{99, 99, 1, 99, 1}, {1, 100, 2, 0, 200}, {199, 299, 2, 199, 1}, {1, 300, 3, 0, 300}, {299, 599, 3, 299, 1},
                {1, 600, 4, 0, 400}};
        for (long[] s : steps) {
            send(TestSupport.activity(user, at, "grammar", (int) s[0]));
            awaitTotal(token, s[1]);
            JsonPath p = profile(token);
            assertEquals(List.of(s[2], s[3], s[4]),
                    List.of(p.getLong("level"), p.getLong("current_level_xp"), p.getLong("xp_needed_for_next_level")), "at " + s[1]);
        }
    }

    @Test
    void aBoostMultipliesXpInsideItsWindowOnly() {
        String user = "boost-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        Instant completed = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestSupport.send(Topics.ANALYTICS_PROGRESS, user,
                ProgressEvent.questCompleted(UUID.randomUUID(), completed, user, "q-1", LocalDate.now(), 1.5, 30));
        // {base XP, expected XP}, in the order sent
        Map<LearningActivity, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put(TestSupport.activity(user, completed, "speaking", 10), 15); // the window starts at completion
        expected.put(TestSupport.activity(user, completed.minusSeconds(1), "speaking", 10), 10); // just before it
        expected.put(TestSupport.activity(user, completed.plus(30, ChronoUnit.MINUTES).minusSeconds(1), "speaking", 21), 31); // 31.5
        expected.put(TestSupport.activity(user, completed.plus(30, ChronoUnit.MINUTES), "speaking", 10), 10); // the end is exclusive
        expected.keySet().forEach(XpResourceTest::send);
        awaitTotal(token, 15 + 10 + 31 + 10);
        // whether the boost or an activity was applied first, each activity ends with the same XP
        JsonPath history = given().auth().oauth2(token).get("/api/xp/history").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> bySource = new java.util.HashMap<>();
        for (Map<String, Object> item : history.<Map<String, Object>>getList("items")) {
            bySource.merge((String) item.get("source_event_id"), (Integer) item.get("xp"), Integer::sum);
        }
        for (Map.Entry<LearningActivity, Integer> e : expected.entrySet()) {
            assertEquals(e.getValue(), bySource.get(e.getKey().eventId().toString()), "XP of the activity at " + e.getKey().occurredAt());
        }
        // the boost is over: none is active now
        given().auth().oauth2(token).get("/api/xp/profile").then().body("active_boost", nullValue())
                .body("xp_by_category.speaking", equalTo(66));
    }

    @Test
    void aBoostThatBecomesKnownLateAddsTheMissingXpOnce() {
        String user = "late-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        Instant completed = Instant.now().minus(10, ChronoUnit.MINUTES);
        send(TestSupport.activity(user, completed.plus(2, ChronoUnit.MINUTES), "listening", 20));
        send(TestSupport.activity(user, completed.minus(2, ChronoUnit.MINUTES), "listening", 20));
        awaitTotal(token, 40);
        ProgressEvent boost = ProgressEvent.questCompleted(UUID.randomUUID(), completed, user, "q-2", LocalDate.now(), 2.0, 60);
        TestSupport.send(Topics.ANALYTICS_PROGRESS, user, boost);
        TestSupport.send(Topics.ANALYTICS_PROGRESS, user, boost); // redelivered
        awaitTotal(token, 60);
        JsonPath history = given().auth().oauth2(token).get("/api/xp/history").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("boost_adjustment", "activity", "activity"), history.getList("items.kind"));
        assertEquals(List.of(20, 20, 20), history.getList("items.xp"));
        // the boost runs until completed + 60 min: it is active now and shown with the profile
        given().auth().oauth2(token).get("/api/xp/profile").then()
                .body("active_boost.multiplier", equalTo(2.0f)).body("active_boost.quest_id", equalTo("q-2"));
        // a later activity inside the window gets the boost directly
        send(TestSupport.activity(user, Instant.now().minusSeconds(5), "listening", 7));
        awaitTotal(token, 74);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(74, profile(token).getLong("total_xp")));
    }

    @Test
    void theSameActivityDeliveredTwiceIsCreditedOnce() {
        String user = "twice-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        LearningActivity a = new LearningActivity(UUID.randomUUID(), user, Instant.now().minusSeconds(600), "UTC", "lesson_completed",
                "english", "vocabulary", 754L, null, null);
        send(a);
        send(a);
        send(TestSupport.activity(user, Instant.now().minusSeconds(500), "vocabulary", 1)); // marks the end of the deliveries
        awaitTotal(token, 12 + 1);
        given().auth().oauth2(token).get("/api/xp/history").then().body("total", equalTo(2)).body("items[1].base_xp", equalTo(12));
    }

    @Test
    void xpOverTheDailyCategoryCapIsRecordedAsCappedNotGranted() {
        String user = "cap-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        Instant day1 = LocalDate.now().minusDays(2).atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
        send(TestSupport.activity(user, day1, "reading", 2500));
        send(TestSupport.activity(user, day1.plusSeconds(60), "reading", 2500)); // cap 3000: 500 granted, 2000 capped
        send(TestSupport.activity(user, day1.plusSeconds(120), "writing", 100)); // another category: not affected
        send(TestSupport.activity(user, day1.plus(1, ChronoUnit.DAYS), "reading", 100)); // the next day: a new allowance
        awaitTotal(token, 2500 + 500 + 100 + 100);
        JsonPath h = given().auth().oauth2(token).get("/api/xp/history?size=10").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(100, 100, 500, 2500), h.getList("items.xp"));
        assertEquals(List.of(0, 0, 2000, 0), h.getList("items.capped_xp"));
        assertEquals(List.of(100, 100, 2500, 2500), h.getList("items.earned_xp"));
        given().auth().oauth2(token).get("/api/xp/profile").then()
                .body("xp_by_category.reading", equalTo(3100)).body("xp_by_category.writing", equalTo(100));
    }

    @Test
    void historyIsPagedNewestFirstAndRefusesBadPaging() {
        String user = "pages-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS);
        for (int i = 1; i <= 5; i++) {
            send(TestSupport.activity(user, at.plusSeconds(i), "grammar", i));
        }
        awaitTotal(token, 15);
        given().auth().oauth2(token).get("/api/xp/history?page=0&size=2").then().statusCode(200)
                .body("total", equalTo(5)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.xp", equalTo(List.of(5, 4))).body("items[0].total_xp_after", equalTo(15))
                .body("items[0].local_day", equalTo(LocalDay.of(at.plusSeconds(5), "UTC").toString()));
        given().auth().oauth2(token).get("/api/xp/history?page=2&size=2").then().body("items.xp", equalTo(List.of(1)));
        given().auth().oauth2(token).get("/api/xp/history?page=3&size=2").then().body("items", hasSize(0));
        given().auth().oauth2(token).get("/api/xp/history?size=0").then().statusCode(422).body("detail", containsString("size"));
        given().auth().oauth2(token).get("/api/xp/history?size=101").then().statusCode(422).body("detail", containsString("size"));
        given().auth().oauth2(token).get("/api/xp/history?page=-1").then().statusCode(422).body("detail", containsString("page"));
        given().get("/api/xp/history").then().statusCode(401);
        given().get("/api/xp/profile").then().statusCode(401);
    }

    @Test
    void thePublicProfileShowsSafeFieldsStreaksAndTodaysQuestsOnly() {
        String user = "public-" + UUID.randomUUID();
        String username = "pub_" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestSupport.tokenWithClaims(user, username, "Dana Eze", "dana@example.com", "Pacific/Auckland");
        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(200);
        send(TestSupport.activity(user, Instant.now().minus(1, ChronoUnit.HOURS), "grammar", 150));
        LocalDate today = LocalDay.today(Instant.now(), "Pacific/Auckland");
        QuestItem quest = new QuestItem(UUID.randomUUID(), "Learn for 15 minutes", "Spend 15 minutes learning today", "learning_time",
                15, 6, 40, QuestItem.ACTIVE, 1.5, 30);
        TestSupport.send(Topics.ANALYTICS_PROGRESS, user,
                ProgressEvent.streakChanged(UUID.randomUUID(), Instant.now(), user, 4, 9, 3, today.plusDays(2), today.plusDays(1)));
        TestSupport.send(Topics.ANALYTICS_PROGRESS, user,
                ProgressEvent.questsChanged(UUID.randomUUID(), Instant.now(), user, today, List.of(quest)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/xp/public-profile/" + username.toUpperCase())
                .then().statusCode(200).body("profile.total_xp", equalTo(150)).body("active_quests", hasSize(1)));
        Map<String, Object> body = given().get("/api/xp/public-profile/" + username).then().statusCode(200).extract().as(Map.class);
        assertEquals(Set.of("username", "full_name", "profile_picture_url", "created_at", "profile", "active_quests"), body.keySet());
        assertEquals(Map.of("total_xp", 150, "level", 2, "current_level_xp", 50, "xp_needed_for_next_level", 150, "current_streak", 4,
                "longest_streak", 9, "day_only_streak", 3), body.get("profile"));
        assertEquals(Map.of("id", quest.id().toString(), "title", "Learn for 15 minutes", "description", "Spend 15 minutes learning today",
                "category", "learning_time", "target_value", 15, "current_progress", 6, "progress_percentage", 40, "status", "active",
                "reward_multiplier", 1.5, "reward_duration", 30), ((List<?>) body.get("active_quests")).get(0));
        String raw = given().get("/api/xp/public-profile/" + username).then().extract().asString();
        assertEquals(false, raw.contains("dana@example.com") || raw.contains(user), "no email and no internal id: " + raw);

        // the owner makes the profile private: it disappears, exactly like an unknown user
        given().auth().oauth2(token).contentType("application/json").body(Map.of("public_profile", false)).patch("/api/v1/users/me")
                .then().statusCode(200);
        given().get("/api/xp/public-profile/" + username).then().statusCode(404).body("detail", equalTo("No public profile for this username"));
        given().get("/api/xp/public-profile/nobody-" + UUID.randomUUID().toString().substring(0, 8)).then().statusCode(404)
                .body("detail", equalTo("No public profile for this username"));
    }

    @Test
    void aStreakIsShownOnlyThroughTheDayAnalyticsSaidItHolds() {
        String user = "streak-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        LocalDate today = LocalDay.today(Instant.now(), "UTC");
        TestSupport.send(Topics.ANALYTICS_PROGRESS, user,
                ProgressEvent.streakChanged(UUID.randomUUID(), Instant.now(), user, 6, 12, 5, today.minusDays(1), today.minusDays(1)));
        // an older announcement arriving last must not win
        TestSupport.send(Topics.ANALYTICS_PROGRESS, user,
                ProgressEvent.streakChanged(UUID.randomUUID(), Instant.now().minusSeconds(120), user, 99, 99, 99, today, today));
        // one partition keeps order: once this boost shows, both announcements were applied
        TestSupport.send(Topics.ANALYTICS_PROGRESS, user,
                ProgressEvent.questCompleted(UUID.randomUUID(), Instant.now(), user, "marker", today, 1.1, 10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token).get("/api/xp/profile").then()
                .body("active_boost.quest_id", equalTo("marker")));
        // the streak of 6 held through yesterday only: today it reads 0, the longest stays
        given().auth().oauth2(token).get("/api/xp/profile").then()
                .body("longest_streak", equalTo(12)).body("current_streak", equalTo(0)).body("day_only_streak", equalTo(0));
    }
}
