package com.xentree.analytics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeadLetterTest {

    @Inject
    AgroalDataSource db;

    @Test
    void poisonRecordsGoToTheDlqWithTheReasonAndLaterRecordsAreApplied() throws Exception {
        String user = "poison-" + UUID.randomUUID();
        TestSupport.sendRaw(Topics.LEARNING_ACTIVITY, user, "{not json at all".getBytes(StandardCharsets.UTF_8));
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, new LearningActivity(UUID.randomUUID(), user, Instant.now(),
                "UTC", "lesson_completed", "english", "vocabulary", -10L, null, 300));
        UUID good = UUID.randomUUID();
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, new LearningActivity(good, user, Instant.now(),
                "UTC", "lesson_completed", "english", "vocabulary", 120L, null, 70));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Connection c = db.getConnection();
                 PreparedStatement ps = c.prepareStatement("select count(*) from activity where event_id = ?")) {
                ps.setObject(1, good);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1));
                }
            }
        });
        List<ConsumerRecord<String, byte[]>> parked = TestSupport.readAll(Topics.deadLetter(Topics.LEARNING_ACTIVITY), user);
        assertEquals(2, parked.size(), "both bad records are parked, once each");
        assertTrue(TestSupport.header(parked.get(0), "dlq.reason").startsWith("unparseable:"), TestSupport.header(parked.get(0), "dlq.reason"));
        String invalid = TestSupport.header(parked.get(1), "dlq.reason");
        assertTrue(invalid.contains("duration_seconds") && invalid.contains("score"), invalid);
        assertEquals("{not json at all", new String(parked.get(0).value(), StandardCharsets.UTF_8));
        assertEquals("analytics-service", TestSupport.header(parked.get(0), "dlq.consumer"));
    }
}
