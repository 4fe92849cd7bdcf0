package com.xentree.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.xentree.events.ErasureHash;
import com.xentree.events.Topics;
import com.xentree.system.RunningSystem.Service;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Erasure and export end to end, through HTTP against the three running services and the real broker:
 * a learner with a history everywhere is exported (everything is in the document), erased (no row of
 * any table of the three databases names them), replayed and sent late events (still nothing, every
 * such event counted as dropped), and the organizations' figures equal an oracle without them.
 */
@ExtendWith(SystemExtension.class)
class ErasureIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final int DAYS = 12;
    static final int SESSION_SECONDS = 1800;
    static final int SESSION_XP = 40;
    static final List<String> TOPICS_TO_SETTLE = List.of(Topics.LEARNING_ACTIVITY, Topics.XP_AWARDED, Topics.ANALYTICS_PROGRESS,
            Topics.USER_ERASURE, Topics.ORG_MEMBERSHIP, Topics.USER_PROFILE);

    final String admin = Tokens.token("er-admin-" + RUN, "admin");
    final String eventsKey = CrossServiceIT.issueEventsKey(admin).get("key");

    @Test
    void anErasedLearnerLeavesNoRowAnywhereAndNeitherReplayNorLateEventsBringThemBack() throws Exception {
        String learner = "er-learner-" + RUN;
        String username = "er_name_" + RUN;
        String email = "er-mail-" + RUN + "@example.test";
        String peer = "er-peer-" + RUN;
        String owner = "er-owner-" + RUN;
        upsert(learner, username, "Erin Erased", email);
        upsert(peer, "er_peer_" + RUN, "Pat Peer", null);
        String learnerToken = Tokens.token(learner);

        // two organizations, both with the learner and a peer in them
        String orgA = organization(owner, "Erasure A " + RUN);
        String orgB = organization(owner, "Erasure B " + RUN);
        for (String org : List.of(orgA, orgB)) {
            addMember(owner, org, learner);
            addMember(owner, org, peer);
        }
        String learnerKey = as(learnerToken).body(Map.of("name", "my phone")).post(Service.PROFILE.url() + "/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");

        // activity: the learner on DAYS past days and five sessions today (quests completed: boosts), the peer on 6 days
        List<Map<String, Object>> learnerEvents = history(learner, DAYS, 2);
        learnerEvents.addAll(today(learner, 5));
        List<Map<String, Object>> peerEvents = history(peer, 6, 1);
        post(learnerEvents);
        post(peerEvents);

        awaitRows(Service.PROFILE, "select count(*) from xp_ledger where kind = 'activity' and user_id = ?", learner, learnerEvents.size());
        awaitRows(Service.ANALYTICS, "select count(*) from activity where user_id = ?", learner, learnerEvents.size());
        awaitRows(Service.ADMIN_STATS, "select count(*) from member_day where user_id = ?", learner, DAYS + 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertTrue(count(Service.PROFILE, "select count(*) from xp_boost where user_id = ?", learner) > 0, "a quest boost");
            assertTrue(count(Service.ANALYTICS, "select count(*) from achievement_unlock where user_id = ?", learner) > 0, "achievements");
            assertTrue(count(Service.ANALYTICS, "select count(*) from leaderboard_entry where user_id = ?", learner) > 0, "a leaderboard place");
        });
        awaitSettled();
        // before: the learner counts in the organizations' figures, so the comparison after can fail
        assertEquals(3.0, kpis(owner, orgA).get("total_members"));

        // export: one document with everything
        JsonNode export = TestJson.read(as(learnerToken).get(Service.PROFILE.url() + "/api/v1/users/me/export").then().statusCode(200)
                .contentType(ContentType.JSON).extract().asByteArray());
        assertExportHoldsEverything(export, learner, username, email, learnerEvents.size());

        // the scan sees the learner in all three databases before, so its zero after means something
        Set<String> traces = Set.of(learner, username, email);
        Map<String, Long> before = rowsNaming(traces);
        for (Service s : Service.values()) {
            assertTrue(before.keySet().stream().anyMatch(t -> t.startsWith(s.database + ".")), s + " holds the learner: " + before);
        }

        // erase: the learner themselves
        as(learnerToken).delete(Service.PROFILE.url() + "/api/v1/users/me").then().statusCode(204);
        given().get(Service.PROFILE.url() + "/api/xp/public-profile/" + username).then().statusCode(404);
        as(learnerToken).get(Service.PROFILE.url() + "/api/v1/users/me").then().statusCode(410);
        as(learnerToken).delete(Service.PROFILE.url() + "/api/v1/users/me").then().statusCode(410);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().header("X-API-Key", learnerKey).get(Service.PROFILE.url() + "/api/v1/users/me").then().statusCode(401);
            given().header("X-API-Key", learnerKey).get(Service.ANALYTICS.url() + "/api/xp/streak").then().statusCode(401);
            given().header("X-API-Key", learnerKey).get(Service.ADMIN_STATS.url() + "/api/v1/organizations").then().statusCode(401);
        });
        awaitSettled();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(Map.of(), rowsNaming(traces)));
        assertEquals(1L, count(Service.PROFILE, "select count(*) from erasure_audit where actor_kind = 'self' and actor_id is null "
                + "and user_hash = ?", new ErasureHash(RunningSystem.ERASURE_HASH_KEY).of(learner)));

        // replay everything of the learner on learning.activity.v1, and send new events late: nothing comes back
        Map<Service, Double> droppedBefore = dropped();
        int replayed = replay(learner);
        List<Map<String, Object>> late = history(learner, 3, 1);
        post(late);
        awaitSettled();
        Map<Service, Double> droppedAfter = dropped();
        for (Service s : Service.values()) {
            double expected = replayed + late.size();
            assertTrue(droppedAfter.get(s) - droppedBefore.get(s) >= expected,
                    s + " dropped " + (droppedAfter.get(s) - droppedBefore.get(s)) + " of " + expected + " events of the erased learner");
        }
        assertTrue(replayed >= learnerEvents.size(), "replayed " + replayed);
        assertEquals(Map.of(), rowsNaming(traces));

        // the organizations as if the learner had never been a member: an oracle from the peer's events alone
        for (String org : List.of(orgA, orgB)) {
            Map<String, Double> kpis = kpis(owner, org);
            assertEquals(2.0, kpis.get("total_members"), "owner and peer");
            assertEquals(1.0, kpis.get("active_members"));
            assertEquals((double) peerEvents.size(), kpis.get("sessions"));
            assertEquals((double) peerEvents.size() * SESSION_XP, kpis.get("xp_earned"));
            assertEquals(Math.round(peerEvents.size() * SESSION_SECONDS / 3600.0 * 10) / 10.0, kpis.get("learning_hours"));
            List<String> members = given().auth().oauth2(Tokens.token(owner)).get(Service.ADMIN_STATS.url() + "/api/v1/organizations/" + org
                    + "/members").then().statusCode(200).extract().path("user_id");
            assertEquals(Set.of(owner, peer), Set.copyOf(members));
        }
        // tombstones for both memberships are on org.membership.v1
        for (String org : List.of(orgA, orgB)) {
            List<ConsumerRecord<String, byte[]>> records = RunningSystem.records(Topics.ORG_MEMBERSHIP, (org + ":" + learner)::equals);
            assertTrue(records.get(records.size() - 1).value() == null, "tombstone for " + org);
        }
        // last, as it names the username again: it is free for someone else
        upsert("er-newcomer-" + RUN, username, "Someone Else", null);
    }

    @Test
    void anErasureWhileThatLearnersEventsPourInEndsWithNoRows() throws Exception {
        String learner = "er-busy-" + RUN;
        upsert(learner, "er_busy_" + RUN, "Busy Bee", "busy-" + RUN + "@example.test");
        CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> {
            for (int batch = 0; batch < 20; batch++) {
                List<Map<String, Object>> events = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    events.add(event(learner, Instant.now().minus(batch * 25L + i, ChronoUnit.HOURS), 600, 10));
                }
                post(events);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> count(Service.ANALYTICS, "select count(*) from activity where user_id = ?", learner) > 0);
        given().auth().oauth2(admin).delete(Service.PROFILE.url() + "/api/v1/users/" + learner).then().statusCode(204);
        posting.get();
        awaitSettled();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(Map.of(), rowsNaming(Set.of(learner, "er_busy_" + RUN, "busy-" + RUN + "@example.test"))));
        given().auth().oauth2(admin).delete(Service.PROFILE.url() + "/api/v1/users/" + learner).then().statusCode(404);
    }

    @Test
    void erasingYourselfTakesABearerTokenAndErasingOthersTakesAdminPowers() {
        String self = "er-self-" + RUN;
        String other = "er-other-" + RUN;
        upsert(self, "er_self_" + RUN, null, null);
        upsert(other, "er_other_" + RUN, null, null);
        String selfKey = as(Tokens.token(self)).body(Map.of("name", "k")).post(Service.PROFILE.url() + "/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");
        String usersWriteKey = as(admin).body(Map.of("name", "hr system", "scopes", List.of("users:write")))
                .post(Service.PROFILE.url() + "/api/v1/api-keys").then().statusCode(201).extract().path("key");
        String me = Service.PROFILE.url() + "/api/v1/users/me";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().header("X-API-Key", selfKey).get(me).then().statusCode(200);
            given().header("X-API-Key", usersWriteKey).get(me).then().statusCode(200);
        });
        given().delete(me).then().statusCode(401).body("detail", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(Tokens.expired(self)).delete(me).then().statusCode(401);
        given().header("X-API-Key", selfKey).delete(me).then().statusCode(403).body("detail", org.hamcrest.Matchers.containsString("bearer"));
        // another learner cannot erase someone else
        given().auth().oauth2(Tokens.token(self)).delete(Service.PROFILE.url() + "/api/v1/users/" + other).then().statusCode(403);
        given().header("X-API-Key", selfKey).delete(Service.PROFILE.url() + "/api/v1/users/" + other).then().statusCode(403);
        given().auth().oauth2(Tokens.token(self)).delete(me).then().statusCode(204);
        // a users:write key erases someone else, and the audit names the key, not the person
        given().header("X-API-Key", usersWriteKey).delete(Service.PROFILE.url() + "/api/v1/users/" + other).then().statusCode(204);
        given().auth().oauth2(admin).delete(Service.PROFILE.url() + "/api/v1/users/" + other).then().statusCode(404);
        given().auth().oauth2(admin).delete(Service.PROFILE.url() + "/api/v1/users/" + "x".repeat(129)).then().statusCode(422)
                .body("detail", org.hamcrest.Matchers.notNullValue());
        assertEquals(1L, count(Service.PROFILE, "select count(*) from erasure_audit where actor_kind = 'api_key' and actor_id = ?",
                usersWriteKey.split("_")[1]));
    }

    // --- the learner's history -------------------------------------------------------------------------------

    private static List<Map<String, Object>> history(String user, int days, int perDay) {
        List<Map<String, Object>> events = new ArrayList<>();
        Instant noonToday = LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC);
        for (int d = 1; d <= days; d++) {
            for (int i = 0; i < perDay; i++) {
                events.add(event(user, noonToday.minus(d, ChronoUnit.DAYS).plus(i, ChronoUnit.HOURS), SESSION_SECONDS, SESSION_XP));
            }
        }
        return events;
    }

    /** Sessions today, just before now: enough for every quest template (30 minutes, 4 sessions, 100 XP, active). */
    private static List<Map<String, Object>> today(String user, int sessions) {
        List<Map<String, Object>> events = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < sessions; i++) {
            events.add(event(user, now.minus(sessions - i, ChronoUnit.SECONDS), SESSION_SECONDS, SESSION_XP));
        }
        return events;
    }

    private static Map<String, Object> event(String user, Instant at, int seconds, int xp) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("user_id", user);
        e.put("occurred_at", at.toString());
        e.put("time_zone", "UTC");
        e.put("activity_type", "lesson_completed");
        e.put("source", "english");
        e.put("category", "grammar");
        e.put("duration_seconds", seconds);
        e.put("xp", xp);
        return e;
    }

    private void post(List<Map<String, Object>> events) {
        given().header("X-API-Key", eventsKey).contentType(ContentType.JSON).body(Map.of("events", events))
                .post(Service.ANALYTICS.url() + "/api/v1/events").then().statusCode(202);
    }

    private void upsert(String userId, String username, String fullName, String email) {
        Map<String, Object> body = new HashMap<>(Map.of("user_id", userId, "username", username));
        if (fullName != null) {
            body.put("full_name", fullName);
        }
        if (email != null) {
            body.put("email", email);
        }
        as(admin).body(body).post(Service.PROFILE.url() + "/api/v1/users").then().statusCode(201);
    }

    private static String organization(String owner, String name) {
        return as(Tokens.token(owner)).body(Map.of("name", name)).post(Service.ADMIN_STATS.url() + "/api/v1/organizations").then()
                .statusCode(201).extract().path("id");
    }

    private static void addMember(String owner, String org, String user) {
        as(Tokens.token(owner)).body(Map.of("user_id", user)).post(Service.ADMIN_STATS.url() + "/api/v1/organizations/" + org + "/members")
                .then().statusCode(201);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    // --- what the export must hold ----------------------------------------------------------------------------

    private static void assertExportHoldsEverything(JsonNode export, String learner, String username, String email, int activities) {
        assertEquals(learner, export.path("user_id").asText());
        assertEquals(username, export.path("profile").path("username").asText());
        assertEquals(email, export.path("profile").path("email").asText());
        assertEquals(activities, count(export.path("xp_ledger"), "kind", "activity"));
        assertEquals(ledgerXp(export), export.path("xp").path("total_xp").asLong(-1), "the total is the ledger's sum");
        assertTrue(ledgerXp(export) > (long) activities * SESSION_XP, "boosted XP on top of the base XP");
        assertTrue(export.path("boosts").size() > 0, "boosts");
        assertEquals(1, export.path("api_keys").size());
        assertFalse(export.path("api_keys").get(0).has("secret_sha256"), "no key hash in the export");
        JsonNode analytics = export.path("analytics");
        assertEquals(learner, analytics.path("user_id").asText());
        assertEquals(DAYS + 1, analytics.path("days").size());
        assertEquals(activities, analytics.path("activities").size());
        assertTrue(analytics.path("xp_awards").size() >= activities, "every XP award");
        assertTrue(hasCompleted(analytics.path("quests")), "completed quests");
        assertTrue(analytics.path("achievements").size() > 0, "achievements");
        assertTrue(analytics.path("streak").path("current_streak").asInt() >= DAYS, "streak");
        assertTrue(analytics.path("leaderboard_entries").size() > 0, "leaderboard places");
        assertEquals(2, analytics.path("memberships").size());
        JsonNode organizations = export.path("organizations");
        assertEquals(2, organizations.path("memberships").size());
        assertTrue(organizations.path("memberships").get(0).path("organization_name").asText().startsWith("Erasure "));
        assertEquals(DAYS + 1, organizations.path("days").size());
        assertEquals(email, organizations.path("member_directory").path("email").asText());
    }

    private static long ledgerXp(JsonNode export) {
        long sum = 0;
        for (JsonNode entry : export.path("xp_ledger")) {
            sum += entry.path("xp").asLong();
        }
        return sum;
    }

    private static boolean hasCompleted(JsonNode quests) {
        for (JsonNode q : quests) {
            if (!q.path("completed_at").isNull() && !q.path("completed_at").isMissingNode()) {
                return true;
            }
        }
        return false;
    }

    private static int count(JsonNode list, String field, String value) {
        int n = 0;
        for (JsonNode item : list) {
            n += value.equals(item.path(field).asText()) ? 1 : 0;
        }
        return n;
    }

    // --- the scan, the replay, the metrics --------------------------------------------------------------------

    /** Every row of every table of the three databases whose text holds one of the strings, by database and table. */
    static Map<String, Long> rowsNaming(Collection<String> traces) throws Exception {
        Map<String, Long> found = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            try (Connection c = RunningSystem.database(s)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                assertTrue(tables.contains("erased_user"), s + " has an erasure list");
                for (String table : tables) {
                    for (String trace : traces) {
                        try (PreparedStatement ps = c.prepareStatement("select count(*) from \"" + table + "\" t where strpos(t::text, ?) > 0")) {
                            ps.setString(1, trace);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                if (rs.getLong(1) > 0) {
                                    found.merge(s.database + "." + table, rs.getLong(1), Long::sum);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Produces every record of the user on learning.activity.v1 once more, byte for byte. */
    private static int replay(String user) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = RunningSystem.records(Topics.LEARNING_ACTIVITY, user::equals);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(Topics.LEARNING_ACTIVITY, r.key(), r.value()));
            }
            producer.flush();
        }
        return records.size();
    }

    private static final Pattern DROPPED = Pattern.compile(
            "^xentree_erasure_dropped_total\\{[^}]*topic=\"learning\\.activity\\.v1\"[^}]*} ([0-9.Ee+-]+)$", Pattern.MULTILINE);

    /** Each service's count of learning.activity.v1 events it dropped because their user was erased. */
    private static Map<Service, Double> dropped() {
        Map<Service, Double> counts = new HashMap<>();
        for (Service s : Service.values()) {
            Matcher m = DROPPED.matcher(given().get(s.url() + "/q/metrics").then().statusCode(200).extract().asString());
            counts.put(s, m.find() ? Double.parseDouble(m.group(1)) : 0.0);
        }
        return counts;
    }

    /** Until every consumer group of the three services has read the topics to their current ends. */
    static void awaitSettled() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafka());
        try (Admin kafka = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var d : kafka.describeTopics(TOPICS_TO_SETTLE).allTopicNames().get().values()) {
                d.partitions().forEach(i -> latest.put(new TopicPartition(d.name(), i.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            kafka.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            List<String> groups = new ArrayList<>();
            for (ConsumerGroupListing g : kafka.listConsumerGroups().all().get()) {
                for (Service s : Service.values()) {
                    if (g.groupId().startsWith(s.dir + "-it.")) {
                        groups.add(g.groupId());
                    }
                }
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                for (String group : groups) {
                    Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    for (var c : committed.entrySet()) {
                        Long end = ends.get(c.getKey());
                        if (end != null && c.getValue() != null) {
                            assertTrue(c.getValue().offset() >= end, group + " behind on " + c.getKey());
                        }
                    }
                }
            });
        }
    }

    private static void awaitRows(Service s, String sql, String user, long expected) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(expected, count(s, sql, user), sql));
    }

    static long count(Service s, String sql, String param) {
        try (Connection c = RunningSystem.database(s); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Double> kpis(String owner, String org) {
        LocalDate end = LocalDate.now(ZoneOffset.UTC);
        JsonNode dashboard = TestJson.read(given().auth().oauth2(Tokens.token(owner)).get(Service.ADMIN_STATS.url()
                + "/api/v1/admin/stats/?organization_id=" + org + "&start_date=" + end.minusDays(29) + "&end_date=" + end).then()
                .statusCode(200).extract().asByteArray());
        Map<String, Double> kpis = new HashMap<>();
        dashboard.get("kpis").forEach(k -> kpis.put(k.get("key").asText(), k.get("value").asDouble()));
        return kpis;
    }

    /** JSON of a response body. */
    static final class TestJson {
        static JsonNode read(byte[] body) {
            try {
                return WalkingSkeletonIT.JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
            }
        }
    }
}
