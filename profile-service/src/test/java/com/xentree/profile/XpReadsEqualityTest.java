package com.xentree.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.LocalDay;
import com.xentree.events.ProgressEvent;
import com.xentree.events.QuestItem;
import com.xentree.events.Topics;
import com.xentree.profile.service.XpProfileService;
import com.xentree.testing.TestClock;
import com.xentree.testing.TestSupport;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The XP profile and the public profile answer from rendered, versioned state (issue 21): for
 * generated learners each answer over HTTP equals the answer computed the way it was before
 * ({@link XpProfileService}, rendered by the application's JSON mapper), when first asked, asked
 * again, after XP, boosts and streak and quest announcements, when the day turns and a boost ends
 * without any event; a profile turned private is gone at once.
 */
@QuarkusTest
class XpReadsEqualityTest {

    private static final String[] ZONES = {"UTC", "Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles"};
    private static final String[] CATEGORIES = {"grammar", "vocabulary", "speaking"};

    @Inject
    XpProfileService xp;
    @Inject
    ObjectMapper json;

    private record Learner(String id, String username, String token) {
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void everyProfileEqualsTheComputedOneThroughXpBoostsAnnouncementsAndTurningDays() throws Exception {
        Random random = new Random(21);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestClock.set(now);
        List<Learner> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String zone = ZONES[i % ZONES.length];
            String id = "eqp-" + UUID.randomUUID();
            String username = "eqp_" + id.substring(id.length() - 8);
            Learner l = new Learner(id, username, TestSupport.tokenWithClaims(id, username, "Learner " + i, null, zone));
            given().auth().oauth2(l.token()).get("/api/v1/users/me").then().statusCode(200);
            all.add(l);
            long total = 0;
            for (int k = 0; k < 1 + random.nextInt(5); k++) {
                int amount = 10 + random.nextInt(90);
                total += amount;
                TestSupport.send(Topics.LEARNING_ACTIVITY, id,
                        TestSupport.activity(id, now.minus(1 + random.nextInt(72), ChronoUnit.HOURS), CATEGORIES[random.nextInt(3)], amount));
            }
            LocalDate today = LocalDay.today(now, zone);
            TestSupport.send(Topics.ANALYTICS_PROGRESS, id, ProgressEvent.streakChanged(UUID.randomUUID(), now, id, 3 + i, 10 + i, 2 + i,
                    today.plusDays(i % 3), today.plusDays(i % 2)));
            TestSupport.send(Topics.ANALYTICS_PROGRESS, id, ProgressEvent.questsChanged(UUID.randomUUID(), now, id, today,
                    List.of(new QuestItem(UUID.randomUUID(), "Learn for 15 minutes", "Spend 15 minutes learning today", "learning_time",
                            15, i, i * 100 / 15, QuestItem.ACTIVE, 1.5, 30))));
            if (i % 2 == 0) { // a boost active now, ending in 20 minutes
                TestSupport.send(Topics.ANALYTICS_PROGRESS, id, ProgressEvent.questCompleted(UUID.randomUUID(), now.minus(10, ChronoUnit.MINUTES),
                        id, "q-" + i, today, 1.25, 30));
            }
            long expected = total;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(expected, xp.profile(id).orElseThrow().totalXp()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertAllEqual(all, "after the history"));
        assertAllEqual(all, "asked again");

        // more XP for everyone
        for (Learner l : all) {
            long before = xp.profile(l.id()).orElseThrow().totalXp();
            TestSupport.send(Topics.LEARNING_ACTIVITY, l.id(), TestSupport.activity(l.id(), now.minusSeconds(60), "reading", 40));
            // 40, or 50 inside a boost's window
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertNotEquals(before, xp.profile(l.id()).orElseThrow().totalXp()));
        }
        assertAllEqual(all, "after more XP");

        // the boosts end (30 minutes from their start) without any event, then the days turn
        TestClock.set(now.plus(25, ChronoUnit.MINUTES));
        assertAllEqual(all, "once the boosts ended");
        TestClock.set(now.plus(1, ChronoUnit.DAYS));
        assertAllEqual(all, "a day later");
        TestClock.set(now.plus(3, ChronoUnit.DAYS));
        assertAllEqual(all, "three days later");
    }

    @Test
    void aMatchingEtagIs304ForTheOwnProfileAndAPrivateProfileIsGoneAtOnce() {
        String id = "eqp-" + UUID.randomUUID();
        String username = "eqp_" + id.substring(id.length() - 8);
        String token = TestSupport.tokenWithClaims(id, username, "Etag", null, "UTC");
        String tag = given().auth().oauth2(token).get("/api/xp/profile").then().statusCode(200).extract().header("ETag");
        tag = given().auth().oauth2(token).get("/api/xp/profile").then().statusCode(200).extract().header("ETag");
        assertNotNull(tag);
        given().auth().oauth2(token).header("If-None-Match", tag).get("/api/xp/profile").then().statusCode(304);
        TestSupport.send(Topics.LEARNING_ACTIVITY, id, TestSupport.activity(id, Instant.now().minusSeconds(60), "grammar", 30));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(30, xp.profile(id).orElseThrow().totalXp()));
        String next = given().auth().oauth2(token).header("If-None-Match", tag).get("/api/xp/profile").then().statusCode(200)
                .extract().header("ETag");
        assertNotEquals(tag, next);

        // the public profile carries no ETag and follows a privacy change at once
        given().get("/api/xp/public-profile/" + username).then().statusCode(200).header("ETag", (String) null);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("public_profile", false)).patch("/api/v1/users/me")
                .then().statusCode(200);
        given().get("/api/xp/public-profile/" + username).then().statusCode(404);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("public_profile", true)).patch("/api/v1/users/me")
                .then().statusCode(200);
        given().get("/api/xp/public-profile/" + username).then().statusCode(200);
    }

    /** The public profile as computed before issue 21 (it reads the user through Panache: a request context). */
    private Object publicComputed(String username) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            return xp.publicProfile(username).orElseThrow();
        } finally {
            requestContext.terminate();
        }
    }

    private void assertAllEqual(List<Learner> all, String when) throws Exception {
        for (Learner l : all) {
            Response own = given().auth().oauth2(l.token()).get("/api/xp/profile");
            assertEquals(200, own.statusCode());
            assertEquals(json.readTree(json.writeValueAsBytes(xp.profile(l.id()).orElseThrow())), json.readTree(own.asByteArray()),
                    "profile of " + l.id() + " " + when);
            Response pub = given().get("/api/xp/public-profile/" + l.username());
            assertEquals(200, pub.statusCode());
            assertEquals(json.readTree(json.writeValueAsBytes(publicComputed(l.username()))), json.readTree(pub.asByteArray()),
                    "public profile of " + l.username() + " " + when);
        }
    }
}
