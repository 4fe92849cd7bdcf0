package com.xentree.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.xentree.events.ProgressEvent;
import com.xentree.events.Topics;
import com.xentree.system.RunningSystem.Service;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services together: API keys honoured and revoked everywhere, XP rebuilt by replay, quests
 * becoming boosts, and memberships reaching analytics-service.
 */
@ExtendWith(SystemExtension.class)
class CrossServiceIT {

    static final int REPLAY_PORT = 18091;
    static final String REPLAY_DATABASE = "xentree_profile_replay_it";

    /** An events:write key, issued through profile-service's API by a platform admin; returned once analytics accepts it. */
    static Map<String, String> issueEventsKey(String admin) {
        Map<String, String> issued = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "conversations service", "scopes", List.of("events:write")))
                .post(Service.PROFILE.url() + "/api/v1/api-keys").then().statusCode(201).extract().jsonPath().getMap("", String.class, String.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", issued.get("key"))
                .contentType(ContentType.JSON).body("{\"events\":[]}").post(Service.ANALYTICS.url() + "/api/v1/events").then().statusCode(422));
        return issued;
    }

    @Test
    void aKeyIssuedByProfileWorksInEveryServiceAndARevocationReachesThemAll() {
        String admin = Tokens.token("it-admin-" + UUID.randomUUID(), "admin");
        Map<String, String> issued = issueEventsKey(admin);
        String key = issued.get("key");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().header("X-API-Key", key).contentType(ContentType.JSON).body("{\"events\":[]}")
                    .post(Service.ANALYTICS.url() + "/api/v1/events").then().statusCode(422);
            given().header("X-API-Key", key).get(Service.PROFILE.url() + "/api/v1/users/me").then().statusCode(200);
            given().header("X-API-Key", key).get(Service.ADMIN_STATS.url() + "/api/v1/organizations").then().statusCode(200);
        });
        given().auth().oauth2(admin).delete(Service.PROFILE.url() + "/api/v1/api-keys/" + issued.get("id")).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().header("X-API-Key", key).contentType(ContentType.JSON).body("{\"events\":[]}")
                    .post(Service.ANALYTICS.url() + "/api/v1/events").then().statusCode(401);
            given().header("X-API-Key", key).get(Service.PROFILE.url() + "/api/v1/users/me").then().statusCode(401);
            given().header("X-API-Key", key).get(Service.ADMIN_STATS.url() + "/api/v1/organizations").then().statusCode(401);
        });
    }

    @Test
    void replayingTheTopicsIntoAnEmptyDatabaseGivesTheSameXp() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = issueEventsKey(Tokens.token("it-admin-" + run, "admin")).get("key");
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<Map<String, Object>> events = new ArrayList<>();
        List<ProgressEvent> boosts = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            String user = "replay-" + run + "-" + u;
            // a quest boost in the middle of the user's session; some activities credited before it is known
            boosts.add(ProgressEvent.questCompleted(UUID.randomUUID(), start.plus(30, ChronoUnit.MINUTES), user, "q", LocalDate.now(), 1.5, 20));
            for (int i = 0; i < 30; i++) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("event_id", UUID.randomUUID().toString());
                e.put("user_id", user);
                e.put("occurred_at", start.plus(2L * i, ChronoUnit.MINUTES).toString());
                e.put("time_zone", u % 2 == 0 ? "Europe/Berlin" : "America/New_York");
                e.put("activity_type", "lesson_completed");
                e.put("source", "english");
                e.put("category", i % 3 == 0 ? "speaking" : "grammar");
                e.put("duration_seconds", 61 + 37 * i);
                if (i % 5 == 4) {
                    e.put("xp", 1400); // heavy events push both categories over the daily cap
                }
                events.add(e);
            }
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ProgressEvent b : boosts.subList(0, 2)) {
                producer.send(new ProducerRecord<>(Topics.ANALYTICS_PROGRESS, b.userId(), WalkingSkeletonIT.JSON.writeValueAsBytes(b))).get();
            }
            given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("events", events))
                    .post(Service.ANALYTICS.url() + "/api/v1/events").then().statusCode(202);
            for (ProgressEvent b : boosts.subList(2, 4)) {
                producer.send(new ProducerRecord<>(Topics.ANALYTICS_PROGRESS, b.userId(), WalkingSkeletonIT.JSON.writeValueAsBytes(b))).get();
            }
        }
        String like = "replay-" + run + "-%";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(120L,
                rows(Service.PROFILE.database, "select count(*) from xp_ledger where kind = 'activity' and user_id like ?", like).get(0).get(0)));
        // the last two boosts came after the activities: wait for their adjustments too
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(4L, rows(Service.PROFILE.database,
                "select count(distinct user_id) from xp_ledger where multiplier > 1 and user_id like ?", like).get(0).get(0)));
        List<List<Object>> live = totals(Service.PROFILE.database, like);
        assertEquals(4, live.size());
        assertFalse(rows(Service.PROFILE.database, "select 1 from xp_daily where capped_xp > 0 and user_id like ?", like).isEmpty(),
                "the data set must reach the cap, or the cap is not part of what the replay proves");

        // a second instance on an empty database, in a new consumer group, reads both topics from the start
        Process replay = RunningSystem.startExtra(Service.PROFILE, REPLAY_PORT, REPLAY_DATABASE, "profile-replay-" + run,
                Map.of("XENTREE_MESSAGING_OUTBOX_RELAY_ENABLED", "false"));
        try {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertEquals(live, totals(REPLAY_DATABASE, like)));
            // the replay's relay is off, so its outbox keeps what it would announce; the live service's is on the topic
            List<String> replayAnnounces = rows(REPLAY_DATABASE, "select payload::jsonb ->> 'event_id' from outbox_event "
                    + "where topic = 'xp.awarded.v1' and record_key like ? and payload::jsonb ->> 'kind' = 'activity' order by 1", like)
                    .stream().map(r -> (String) r.get(0)).toList();
            assertEquals(120, replayAnnounces.size());
            String prefix = "replay-" + run + "-";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(replayAnnounces, activityAwardIds(prefix),
                    "a replay announces the same xp.awarded event ids, so consumers skip them"));
        } finally {
            replay.destroy();
            replay.waitFor();
        }
    }

    @Test
    void questsCompletedInAnalyticsBoostXpInProfile() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "quest-" + run;
        String key = issueEventsKey(Tokens.token("it-admin-" + run, "admin")).get("key");
        // four 30-minute sessions today complete whichever three quests are drawn (at most 30 min, 4 sessions, 100 XP, 1 day)
        Instant now = Instant.now();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event_id", UUID.randomUUID().toString());
            e.put("user_id", user);
            e.put("occurred_at", now.minus(4 - i, ChronoUnit.MINUTES).toString());
            e.put("time_zone", "UTC");
            e.put("activity_type", "conversation");
            e.put("source", "live");
            e.put("category", "speaking");
            e.put("duration_seconds", 1800);
            events.add(e);
        }
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("events", events))
                .post(Service.ANALYTICS.url() + "/api/v1/events").then().statusCode(202);
        String token = Tokens.token(user);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token).get(Service.ANALYTICS.url() + "/api/xp/quests")
                .then().statusCode(200).body("completed_count", org.hamcrest.Matchers.equalTo(3)));
        // profile-service records the three boosts; the activity at the last completion earns the boost (directly or late)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(3L,
                rows(Service.PROFILE.database, "select count(*) from xp_boost where user_id = ?", user).get(0).get(0)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token).get(Service.PROFILE.url() + "/api/xp/history")
                .then().statusCode(200).body("items[0].total_xp_after", org.hamcrest.Matchers.greaterThan(120))
                .body("items.multiplier", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.greaterThan(1.0f))));
    }

    @Test
    void membershipsManagedInAdminStatsGiveOrganizationAdminsAccessInAnalytics() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ownerToken = Tokens.token("org-owner-" + run);
        String learner = "org-learner-" + run;
        String org = given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", "IT Org " + run))
                .post(Service.ADMIN_STATS.url() + "/api/v1/organizations").then().statusCode(201).extract().path("id");
        String details = Service.ANALYTICS.url() + "/api/v1/analytics/users/" + learner + "/details";
        given().auth().oauth2(ownerToken).get(details).then().statusCode(403);
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("user_id", learner))
                .post(Service.ADMIN_STATS.url() + "/api/v1/organizations/" + org + "/members").then().statusCode(201);
        // org.membership.v1 carries the membership to analytics-service
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ownerToken).get(details).then().statusCode(200));
        given().auth().oauth2(ownerToken).delete(Service.ADMIN_STATS.url() + "/api/v1/organizations/" + org + "/members/" + learner)
                .then().statusCode(204);
        // and the tombstone takes it away again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ownerToken).get(details).then().statusCode(403));
    }

    /** Per user: total, level, and XP granted and capped per local day and category. */
    private static List<List<Object>> totals(String database, String like) throws Exception {
        return rows(database, """
                select t.user_id, t.total_xp, t.level,
                       (select string_agg(local_day || '/' || category || '=' || granted_xp || '+' || capped_xp, ' '
                                          order by local_day, category)
                          from xp_daily d where d.user_id = t.user_id)
                  from user_xp t where t.user_id like ? order by t.user_id""", like);
    }

    private static List<List<Object>> rows(String database, String sql, String param) throws Exception {
        try (Connection c = RunningSystem.database(database); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** The event ids of the activity XP awards published for users whose id starts with the prefix, sorted. */
    private static List<String> activityAwardIds(String userPrefix) throws IOException {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : RunningSystem.records(Topics.XP_AWARDED, key -> key.startsWith(userPrefix))) {
            JsonNode award = WalkingSkeletonIT.JSON.readTree(r.value());
            if ("activity".equals(award.path("kind").asText())) {
                ids.add(award.path("event_id").asText());
            }
        }
        Collections.sort(ids);
        return ids;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
