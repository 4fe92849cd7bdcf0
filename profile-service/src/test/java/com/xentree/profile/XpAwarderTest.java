package com.xentree.profile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import com.xentree.events.XpAwarded;
import com.xentree.testing.TestDb;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class XpAwarderTest {

    @Inject
    AgroalDataSource db;

    @Test
    void eachActivityIsCreditedOnceAndAnnouncedThroughTheOutbox() throws Exception {
        String user = "xp-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(3600);
        List<LearningActivity> events = List.of(
                new LearningActivity(UUID.randomUUID(), user, at, "UTC", "lesson_completed", "english", "vocabulary", 600L, null, null),
                new LearningActivity(UUID.randomUUID(), user, at.plusSeconds(60), "UTC", "quiz", "english", "grammar", 30L, 95, 80),
                new LearningActivity(UUID.randomUUID(), user, at.plusSeconds(120), "UTC", "talk", "live", "speaking", 119L, null, null));
        // delivered twice, as a redelivery or replay would
        for (int round = 0; round < 2; round++) {
            events.forEach(e -> TestSupport.send(Topics.LEARNING_ACTIVITY, user, e));
        }
        // 600 s -> 10 XP, explicit 95 XP, 119 s -> 1 XP: total 106, level 2
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(106L, 2L),
                row("select total_xp, level from user_xp where user_id = ?", user)));
        assertEquals(List.of(3L, 106L), row("select count(*), sum(xp) from xp_ledger where user_id = ?", user));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(3, TestSupport.readAll(Topics.XP_AWARDED, user).size()));
        List<XpAwarded> awarded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TestSupport.readAll(Topics.XP_AWARDED, user)) {
            awarded.add(TestSupport.JSON.readValue(r.value(), XpAwarded.class));
        }
        assertEquals(List.of(10, 95, 1), awarded.stream().map(XpAwarded::xp).toList());
        assertEquals(List.of(10L, 105L, 106L), awarded.stream().map(XpAwarded::totalXpAfter).toList());
        assertEquals(List.of(1, 2, 2), awarded.stream().map(XpAwarded::levelAfter).toList());
        assertEquals(events.stream().map(LearningActivity::eventId).toList(), awarded.stream().map(XpAwarded::sourceEventId).toList());
    }

    @Test
    void anActivityDeliveredAgainInALaterPollIsNotCreditedAgain() throws Exception {
        String user = "xp-again-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(3600);
        LearningActivity first = new LearningActivity(UUID.randomUUID(), user, at, "UTC", "lesson_completed", "english", "vocabulary",
                600L, null, null);
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, first);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(10L, 1L),
                row("select total_xp, level from user_xp where user_id = ?", user)));
        // the same event again, long after it was applied (a client re-posting it), then a new one behind it on the partition
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, first);
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, new LearningActivity(UUID.randomUUID(), user, at.plusSeconds(60), "UTC", "quiz",
                "english", "grammar", 30L, 95, 80));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(105L, 2L),
                row("select total_xp, level from user_xp where user_id = ?", user)));
        assertEquals(List.of(2L, 105L), row("select count(*), sum(xp) from xp_ledger where user_id = ?", user));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(2, TestSupport.readAll(Topics.XP_AWARDED, user).size()));
    }

    private List<Long> row(String sql, String param) throws Exception {
        return TestDb.firstRow(db, sql, param, ResultSet::getLong);
    }
}
