package com.xentree.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.xentree.events.ApiKeyChanged;
import com.xentree.events.ApiKeys;
import com.xentree.events.Topics;
import com.xentree.system.RunningSystem.Service;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton, end to end: a batch posted over HTTP with an API key, posted again, is
 * applied exactly once by each of the three services, each in its own database.
 */
@ExtendWith(SystemExtension.class)
class WalkingSkeletonIT {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aBatchPostedTwiceIsAppliedExactlyOnceByAllThreeServices() throws Exception {
        String apiKey = publishApiKey(Set.of("events:write"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", apiKey)
                .contentType(ContentType.JSON).body("{\"events\":[]}").post(Service.ANALYTICS.url() + "/api/v1/events")
                .then().statusCode(422));

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = new ArrayList<>();
        for (int u = 0; u < 5; u++) {
            users.add("e2e-" + run + "-" + u);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        long seconds = 0;
        long xp = 0;
        Instant base = Instant.now().minus(Duration.ofDays(2));
        for (int i = 0; i < 60; i++) {
            long duration = 60L * (1 + i % 7) + i;   // full minutes plus a remainder that earns nothing
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event_id", UUID.randomUUID().toString());
            e.put("user_id", users.get(i % users.size()));
            e.put("occurred_at", base.plus(Duration.ofMinutes(37L * i)).toString());
            e.put("time_zone", i % 2 == 0 ? "Europe/Berlin" : "America/New_York");
            e.put("activity_type", "lesson_completed");
            e.put("source", i % 3 == 0 ? "live" : "english");
            e.put("category", "vocabulary");
            e.put("duration_seconds", duration);
            e.put("score", 50 + i % 50);
            events.add(e);
            seconds += duration;
            xp += duration / 60;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            given().header("X-API-Key", apiKey).contentType(ContentType.JSON).body(Map.of("events", events))
                    .post(Service.ANALYTICS.url() + "/api/v1/events")
                    .then().statusCode(202).body("accepted", equalTo(60));
        }
        String[] ids = users.toArray(String[]::new);
        long expectedSeconds = seconds;
        long expectedXp = xp;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(List.of(60L, expectedSeconds), sums(Service.ANALYTICS,
                    "select count(*), sum(duration_seconds) from activity where user_id = any(?)", ids));
            assertEquals(List.of(60L, expectedSeconds), sums(Service.ANALYTICS,
                    "select sum(sessions), sum(learning_seconds) from user_day where user_id = any(?)", ids));
            // one activity row per event; quests completed on the way may add boost adjustments on top
            assertEquals(List.of(60L, expectedXp), sums(Service.PROFILE,
                    "select count(*), sum(base_xp) from xp_ledger where kind = 'activity' and user_id = any(?)", ids));
            assertEquals(sums(Service.PROFILE, "select sum(xp) from xp_ledger where user_id = any(?)", ids), sums(Service.PROFILE,
                    "select sum(total_xp) from user_xp where user_id = any(?)", ids));
            assertEquals(List.of(60L, expectedSeconds), sums(Service.ADMIN_STATS,
                    "select sum(sessions), sum(learning_seconds) from member_day where user_id = any(?)", ids));
        });
        // each event id once in what keeps it from being applied twice: analytics' activity facts and profile's
        // ledger (both counted above, keyed by event id), admin-stats' processed-event ledger
        assertEquals(List.of(60L), sums(Service.ADMIN_STATS, "select count(*) from processed_event where topic = 'learning.activity.v1' "
                + "and event_id = any(?::uuid[])", events.stream().map(e -> (String) e.get("event_id")).toArray(String[]::new)));
    }

    private static String publishApiKey(Set<String> scopes) throws Exception {
        String keyId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String secret = ApiKeys.newSecret();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafka());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            ApiKeyChanged key = new ApiKeyChanged(UUID.randomUUID(), Instant.now(), keyId, "platform-e2e", scopes,
                    ApiKeys.sha256Hex(secret), false);
            producer.send(new ProducerRecord<>(Topics.API_KEYS, keyId, JSON.writeValueAsBytes(key))).get();
        }
        return ApiKeys.format(keyId, secret);
    }

    private static List<Long> sums(Service service, String sql, String[] param) throws Exception {
        try (Connection c = RunningSystem.database(service); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", param));
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> row = new ArrayList<>();
                rs.next();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getLong(i));
                }
                return row;
            }
        }
    }
}
