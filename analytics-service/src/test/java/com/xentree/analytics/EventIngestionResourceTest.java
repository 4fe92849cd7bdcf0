package com.xentree.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.Topics;
import com.xentree.events.UserProfileChanged;
import com.xentree.testing.TestDb;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventIngestionResourceTest {

    static String writerKey;
    static String readOnlyKey;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void keys() {
        if (writerKey != null) {
            return;
        }
        writerKey = TestSupport.publishApiKey("platform-conversations", Set.of("events:write"), false);
        readOnlyKey = TestSupport.publishApiKey("platform-reports", Set.of("users:read"), false);
        // the key registry reads the topic asynchronously: wait until both keys authenticate
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", readOnlyKey)
                .contentType(ContentType.JSON).body("{\"events\":[]}").post("/api/v1/events").then().statusCode(403));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", writerKey)
                .contentType(ContentType.JSON).body("{\"events\":[]}").post("/api/v1/events").then().statusCode(422));
    }

    static Map<String, Object> event(UUID id, String user, Instant at, String zone, long seconds) {
        var e = new java.util.LinkedHashMap<String, Object>();
        e.put("event_id", id.toString());
        e.put("user_id", user);
        e.put("occurred_at", at.toString());
        if (zone != null) {
            e.put("time_zone", zone);
        }
        e.put("activity_type", "lesson_completed");
        e.put("source", "english");
        e.put("category", "vocabulary");
        e.put("duration_seconds", seconds);
        e.put("score", 90);
        return e;
    }

    @Test
    void aBatchPostedTwiceIsRecordedOnce() throws Exception {
        String user = "learner-" + UUID.randomUUID();
        Instant base = Instant.now().minus(Duration.ofDays(3));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(event(UUID.randomUUID(), user, base.plus(Duration.ofHours(i)), "Europe/Berlin", 60 + i));
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            given().header("X-API-Key", writerKey).contentType(ContentType.JSON).body(Map.of("events", events))
                    .post("/api/v1/events")
                    .then().statusCode(202).body("accepted", equalTo(25)).body("event_ids", hasSize(25));
        }
        long expectedSeconds = 25 * 60 + (24 * 25) / 2;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of(25L, expectedSeconds), query("select count(*), coalesce(sum(duration_seconds), 0) from activity where user_id = ?", user)));
        // and the daily rollup counts every session once
        assertEquals(List.of(25L, expectedSeconds), query("select sum(sessions), sum(learning_seconds) from user_day where user_id = ?", user));

        // posted once more after it was applied, with one new event behind it: only the new one counts
        List<Map<String, Object>> again = new ArrayList<>(events);
        again.add(event(UUID.randomUUID(), user, base.plus(Duration.ofHours(30)), "Europe/Berlin", 600));
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON).body(Map.of("events", again))
                .post("/api/v1/events")
                .then().statusCode(202).body("accepted", equalTo(26));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of(26L, expectedSeconds + 600), query("select count(*), sum(duration_seconds) from activity where user_id = ?", user)));
        assertEquals(List.of(26L, expectedSeconds + 600),
                query("select sum(sessions), sum(learning_seconds) from user_day where user_id = ?", user));
        assertEquals(List.of(26L, expectedSeconds + 600),
                query("select sum(sessions), sum(learning_seconds) from user_day_source where user_id = ?", user));
    }

    @Test
    void anInvalidItemRejectsTheWholeBatchWithPerItemErrors() throws Exception {
        String user = "learner-" + UUID.randomUUID();
        UUID good = UUID.randomUUID();
        Map<String, Object> bad = event(UUID.randomUUID(), user, Instant.now(), "Mars/Olympus", -5);
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON)
                .body(Map.of("events", List.of(event(good, user, Instant.now(), "UTC", 60), bad)))
                .post("/api/v1/events")
                .then().statusCode(422)
                .body("detail", equalTo("1 of 2 events are invalid; none was accepted"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].problems", hasItem(startsWith("time_zone:")))
                .body("errors[0].problems", hasItem(startsWith("duration_seconds:")));
        // a later batch of the same user (same partition) is applied; the rejected one never is
        UUID later = UUID.randomUUID();
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON)
                .body(Map.of("events", List.of(event(later, user, Instant.now(), "UTC", 60))))
                .post("/api/v1/events").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of(1L), query("select count(*) from activity where event_id = ?", later)));
        assertEquals(List.of(0L), query("select count(*) from activity where event_id = ?", good));
    }

    @Test
    void eventsWithoutZoneGetTheUsersZoneAndItsLocalDay() throws Exception {
        String user = "learner-" + UUID.randomUUID();
        TestSupport.send(Topics.USER_PROFILE, user, new UserProfileChanged(UUID.randomUUID(), Instant.now(), user, "kiwi",
                "Kiwi Learner", null, null, "Pacific/Auckland", Instant.now(), true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of("Pacific/Auckland"), query("select time_zone from user_profile where user_id = ?", user)));
        // 12:30 UTC on 10 June is 00:30 on 11 June in Auckland (UTC+12 in June)
        Instant at = Instant.parse("2026-06-10T12:30:00Z");
        UUID id = UUID.randomUUID();
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON)
                .body(Map.of("events", List.of(event(id, user, at, null, 300))))
                .post("/api/v1/events").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of("2026-06-11", "Pacific/Auckland"),
                        query("select local_day::text, time_zone from activity where event_id = ?", id)));
        // a user nobody has told us about yet counts in UTC, and is counted
        UUID unknownUsers = UUID.randomUUID();
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON)
                .body(Map.of("events", List.of(event(unknownUsers, "newcomer-" + UUID.randomUUID(), at, null, 300))))
                .post("/api/v1/events").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of("2026-06-10", "UTC"),
                        query("select local_day::text, time_zone from activity where event_id = ?", unknownUsers)));
    }

    @Test
    void credentialsAreChecked() {
        String body = "{\"events\":[]}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/events")
                .then().statusCode(401).body("detail", containsString("Not authenticated"));
        String forged = TestSupport.tokenSignedWith("test-keys/other-private.pem", "intruder", Set.of("admin"), "events:write");
        given().auth().oauth2(forged).contentType(ContentType.JSON).body(body).post("/api/v1/events")
                .then().statusCode(401).body("detail", containsString("Not authenticated"));
        given().header("X-API-Key", "xt_doesnotexist_aaaaaaaaaaaaaaaaaaaaaaaaaaaa").contentType(ContentType.JSON).body(body)
                .post("/api/v1/events").then().statusCode(401);
        given().header("X-API-Key", readOnlyKey).contentType(ContentType.JSON).body(body).post("/api/v1/events")
                .then().statusCode(403).body("detail", equalTo("Not allowed to do this"));
        given().auth().oauth2(TestSupport.token("a-learner")).contentType(ContentType.JSON).body(body).post("/api/v1/events")
                .then().statusCode(403);
        // a service token with the scope may write
        given().auth().oauth2(TestSupport.tokenWithScope("svc-live", "events:write")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/events").then().statusCode(422);
    }

    @Test
    void revokedKeyStopsWorking() {
        String keyId = "revoke" + UUID.randomUUID().toString().substring(0, 8);
        String secret = com.xentree.events.ApiKeys.newSecret();
        String presented = com.xentree.events.ApiKeys.format(keyId, secret);
        TestSupport.publishApiKey(keyId, "owner-1", Set.of("events:write"), com.xentree.events.ApiKeys.sha256Hex(secret), false);
        String body = "{\"events\":[]}";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", presented)
                .contentType(ContentType.JSON).body(body).post("/api/v1/events").then().statusCode(422));
        TestSupport.publishApiKey(keyId, "owner-1", Set.of("events:write"), com.xentree.events.ApiKeys.sha256Hex(secret), true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", presented)
                .contentType(ContentType.JSON).body(body).post("/api/v1/events").then().statusCode(401));
    }

    @Test
    void badBodiesGetJsonErrors() {
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON).body("{\"events\": [ {").post("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("Malformed JSON body"));
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON).body("{\"events\": [{\"event_id\": \"not-a-uuid\"}]}")
                .post("/api/v1/events").then().statusCode(400).body("detail", containsString("events[0].event_id"));
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON).body("{}").post("/api/v1/events")
                .then().statusCode(422).body("detail", startsWith("events:"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(event(UUID.randomUUID(), "u", Instant.now(), "UTC", 1));
        }
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON).body(Map.of("events", tooMany)).post("/api/v1/events")
                .then().statusCode(413).body("detail", containsString("at most 1000"));
        given().header("X-API-Key", writerKey).contentType(ContentType.JSON).body("x".repeat(3 * 1024 * 1024)).post("/api/v1/events")
                .then().statusCode(413).body("detail", equalTo("Request body too large"));
        given().get("/api/v1/nothing-here").then().statusCode(404).body("detail", equalTo("Not found"));
    }

    private List<Object> query(String sql, Object param) throws Exception {
        return TestDb.firstRow(db, sql, param, (rs, i) -> {
            Object v = rs.getObject(i);
            return v instanceof Number n && !(v instanceof Double) ? (Object) n.longValue() : v;
        });
    }
}
