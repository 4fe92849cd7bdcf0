package com.xentree.adminstats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import com.xentree.testing.TestDb;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActivityRollupTest {

    @Inject
    AgroalDataSource db;

    @Test
    void activitiesRollUpPerLocalDayOnceEach() throws Exception {
        String user = "member-" + UUID.randomUUID();
        // 23:30 UTC is already the next day in Berlin: two Berlin days, whatever the UTC dates say
        List<LearningActivity> events = List.of(
                new LearningActivity(UUID.randomUUID(), user, Instant.parse("2026-05-01T10:00:00Z"), "Europe/Berlin", "lesson", "english", "vocabulary", 600L, null, 80),
                new LearningActivity(UUID.randomUUID(), user, Instant.parse("2026-05-01T23:30:00Z"), "Europe/Berlin", "lesson", "english", "vocabulary", 300L, null, 60),
                new LearningActivity(UUID.randomUUID(), user, Instant.parse("2026-05-02T08:00:00Z"), "Europe/Berlin", "talk", "live", "speaking", 900L, null, null));
        for (int round = 0; round < 2; round++) {
            events.forEach(e -> TestSupport.send(Topics.LEARNING_ACTIVITY, user, e));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(
                List.of("2026-05-01|600|1|80|1", "2026-05-02|1200|2|60|1"),
                rows("select day || '|' || learning_seconds || '|' || sessions || '|' || score_sum || '|' || score_count "
                        + "from member_day where user_id = ? order by day", user)));
    }

    @Test
    void healthReportsDatabaseAndBroker() {
        // ready once the API keys are loaded and no consumer loop is failing (they start on their own threads)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/live").then().statusCode(200);
    }

    private List<String> rows(String sql, String param) throws Exception {
        return TestDb.firstColumn(db, sql, param);
    }
}
