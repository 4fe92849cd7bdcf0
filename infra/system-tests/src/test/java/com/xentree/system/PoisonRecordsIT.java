package com.xentree.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.xentree.events.Topics;
import com.xentree.system.RunningSystem.Service;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An unparseable and a schema-violating record on every consumed topic: each consuming service
 * parks both on {@code <topic>.dlq} with the reason, and carries on with the records after them.
 */
@ExtendWith(SystemExtension.class)
class PoisonRecordsIT {

    static final Map<String, List<String>> CONSUMERS = new TreeMap<>(Map.of(
            Topics.LEARNING_ACTIVITY, List.of("admin-stats-service", "analytics-service", "profile-service"),
            Topics.XP_AWARDED, List.of("admin-stats-service", "analytics-service"),
            Topics.USER_PROFILE, List.of("admin-stats-service", "analytics-service"),
            Topics.ANALYTICS_PROGRESS, List.of("profile-service"),
            Topics.ORG_MEMBERSHIP, List.of("analytics-service")));

    @Test
    void poisonGoesToTheDeadLetterTopicWithTheReasonAndProcessingContinues() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "poison-" + run;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String topic : CONSUMERS.keySet()) {
                String key = topic.equals(Topics.ORG_MEMBERSHIP) ? UUID.randomUUID() + ":" + user : user;
                producer.send(new ProducerRecord<>(topic, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();
                producer.send(new ProducerRecord<>(topic, key, ("{\"event_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"\"}")
                        .getBytes(StandardCharsets.UTF_8))).get();
            }
            // a valid activity after the poison: every service must still apply it
            producer.send(new ProducerRecord<>(Topics.LEARNING_ACTIVITY, user, ("{\"event_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\""
                    + user + "\",\"occurred_at\":\"" + Instant.now().minusSeconds(60) + "\",\"time_zone\":\"UTC\",\"activity_type\":\"quiz\","
                    + "\"source\":\"english\",\"category\":\"grammar\",\"duration_seconds\":120,\"score\":75}").getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        for (Map.Entry<String, List<String>> e : CONSUMERS.entrySet()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<ConsumerRecord<String, byte[]>> parked = deadLetters(e.getKey() + ".dlq", user);
                TreeSet<String> byConsumer = new TreeSet<>();
                for (ConsumerRecord<String, byte[]> r : parked) {
                    String reason = header(r, "dlq.reason");
                    assertTrue(reason.startsWith("unparseable") || reason.startsWith("invalid"), reason);
                    assertEquals(e.getKey(), header(r, "dlq.source.topic"));
                    byConsumer.add(header(r, "dlq.consumer") + (reason.startsWith("unparseable") ? ":unparseable" : ":invalid"));
                }
                List<String> expected = new ArrayList<>();
                for (String c : e.getValue()) {
                    expected.add(c + ":invalid");
                    expected.add(c + ":unparseable");
                }
                assertEquals(new TreeSet<>(expected), byConsumer, "parked on " + e.getKey() + ".dlq");
            });
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(1L, count(Service.ANALYTICS, "select count(*) from activity where user_id = ?", user));
            assertEquals(1L, count(Service.PROFILE, "select count(*) from xp_ledger where kind = 'activity' and user_id = ?", user));
            assertEquals(1L, count(Service.ADMIN_STATS, "select coalesce(sum(sessions), 0) from member_day where user_id = ?", user));
        });
    }

    private static long count(Service s, String sql, String user) throws Exception {
        try (Connection c = RunningSystem.database(s); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The records of a dead-letter topic whose key names the user. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String user) {
        return RunningSystem.records(topic, key -> key.endsWith(user));
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
