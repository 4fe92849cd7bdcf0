package com.xentree.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.LearningActivity;
import com.xentree.events.ProgressEvent;
import com.xentree.events.Topics;
import com.xentree.testing.TestClock;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuestsAndTimeTest {

    @Inject
    AgroalDataSource db;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static List<ProgressEvent> progressOf(String user, String type) throws Exception {
        List<ProgressEvent> found = new ArrayList<>();
        for (var r : TestSupport.readAll(Topics.ANALYTICS_PROGRESS, user)) {
            ProgressEvent e = TestSupport.JSON.readValue(r.value(), ProgressEvent.class);
            if (type.equals(e.type())) {
                found.add(e);
            }
        }
        return found;
    }

    @Test
    void aQuestCompletesExactlyAtItsTargetAndIsAnnouncedOnceUnderRedelivery() throws Exception {
        Learners learners = new Learners(db);
        LocalDate today = LocalDate.of(2026, 9, 15);
        // a user whose quests of the day include a learning-time quest (3 of 4 categories are drawn)
        String user;
        Quests.Quest quest;
        do {
            user = "quester-" + UUID.randomUUID();
            quest = Quests.draw(user, today).stream().filter(q -> q.category().equals(Quests.LEARNING_TIME)).findFirst().orElse(null);
        } while (quest == null);
        learners.createWithId(user, "quester", "UTC", true);
        TestClock.set(Learners.at(today, 18, 0, "UTC"));
        String token = TestSupport.token(user);
        JsonPath before = given().auth().oauth2(token).get("/api/xp/quests").then().statusCode(200)
                .body("date", equalTo("2026-09-15")).body("quests", hasSize(3)).extract().jsonPath();
        assertEquals(Quests.draw(user, today).stream().map(q -> q.id().toString()).toList(), before.getList("quests.id"));

        int target = quest.target();
        // one minute short of the target: still active
        learners.learn(user, Learners.at(today, 9, 0, "UTC"), "UTC", (target - 1) * 60L, "english");
        learners.awaitActivities(user, 1);
        String id = quest.id().toString();
        given().auth().oauth2(token).get("/api/xp/quests").then()
                .body("quests.find { it.id == '" + id + "' }.status", equalTo("active"))
                .body("quests.find { it.id == '" + id + "' }.current_progress", equalTo(target - 1));
        // the last minute reaches it exactly; the event is then delivered twice more
        LearningActivity last = learners.learn(user, Learners.at(today, 9, 30, "UTC"), "UTC", 60, "english");
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, last);
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, last);
        learners.awaitActivities(user, 2);
        given().auth().oauth2(token).get("/api/xp/quests").then()
                .body("quests.find { it.id == '" + id + "' }.status", equalTo("completed"))
                .body("quests.find { it.id == '" + id + "' }.current_progress", equalTo(target))
                .body("quests.find { it.id == '" + id + "' }.progress_percentage", equalTo(100));
        String u = user;
        await().atMost(Duration.ofSeconds(30)).until(() -> !progressOf(u, ProgressEvent.QUEST_COMPLETED).isEmpty());
        Thread.sleep(1500); // give a wrongly repeated announcement the time to show
        List<ProgressEvent> completions = progressOf(user, ProgressEvent.QUEST_COMPLETED).stream()
                .filter(e -> e.questId().equals(id)).toList();
        assertEquals(1, completions.size());
        assertEquals(Learners.at(today, 9, 30, "UTC"), completions.get(0).occurredAt());
        assertEquals(quest.rewardMultiplier().doubleValue(), completions.get(0).rewardMultiplier());
        // profiles learn the day's quests too
        List<ProgressEvent> snapshots = progressOf(user, ProgressEvent.QUESTS_CHANGED);
        assertEquals("completed", snapshots.get(snapshots.size() - 1).quests().stream()
                .filter(q -> q.id().toString().equals(id)).findFirst().orElseThrow().status());
        // the next day brings three new quests; yesterday's remain in the history as they were
        TestClock.set(Learners.at(today.plusDays(1), 8, 0, "UTC"));
        given().auth().oauth2(token).get("/api/xp/quests").then().body("date", equalTo("2026-09-16"))
                .body("completed_count", equalTo(0));
    }

    @Test
    void weeklyTotalsMatchHandComputedNumbers() {
        Learners learners = new Learners(db);
        String zone = "America/New_York";
        String user = learners.create("weekly", zone);
        LocalDate monday = LocalDate.of(2026, 10, 12);
        TestClock.set(Learners.at(monday.plusDays(4), 20, 0, zone)); // Friday evening
        // this week: Mon 30 XP + 25 min, Wed 45 XP (two awards) + 10 min, Fri 5 XP; last week: Tue 40 XP
        learners.xp(user, Learners.at(monday, 23, 30, zone), zone, "grammar", 30, 30, 1); // 03:30 UTC on Tuesday: still Monday here
        learners.xp(user, Learners.at(monday.plusDays(2), 10, 0, zone), zone, "speaking", 20, 50, 1);
        learners.xp(user, Learners.at(monday.plusDays(2), 11, 0, zone), zone, "grammar", 25, 75, 1);
        learners.xp(user, Learners.at(monday.plusDays(4), 9, 0, zone), zone, "grammar", 5, 80, 1);
        learners.xp(user, Learners.at(monday.minusDays(6), 9, 0, zone), zone, "grammar", 40, 120, 2);
        learners.learn(user, Learners.at(monday, 23, 0, zone), zone, 25 * 60, "english");
        learners.learn(user, Learners.at(monday.plusDays(2), 10, 0, zone), zone, 10 * 60 + 30, "live");
        learners.awaitXp(user, 120);
        learners.awaitActivities(user, 2);
        given().auth().oauth2(TestSupport.token(user)).get("/api/xp/weekly-activity").then().statusCode(200)
                .body("week_start", equalTo("2026-10-12")).body("week_end", equalTo("2026-10-18"))
                .body("days.xp", equalTo(List.of(30, 0, 45, 0, 5, 0, 0)))
                .body("days.learning_minutes", equalTo(List.of(25, 0, 10, 0, 0, 0, 0)))
                .body("days.weekday", equalTo(List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")))
                .body("total_xp", equalTo(80)).body("total_learning_minutes", equalTo(35)).body("active_days", equalTo(2))
                .body("previous_week_total_xp", equalTo(40)).body("delta", equalTo(40)).body("delta_pct", equalTo(100.0f));
        given().auth().oauth2(TestSupport.token(user)).get("/api/xp/weekly-activity?week_start=2026-10-07").then()
                .body("week_start", equalTo("2026-10-05")).body("total_xp", equalTo(40)).body("previous_week_total_xp", equalTo(0))
                .body("delta_pct", nullValue());
        given().auth().oauth2(TestSupport.token(user)).get("/api/xp/weekly-activity?week_start=12-10-2026").then().statusCode(400)
                .body("detail", equalTo("Invalid query parameter 'week_start': '12-10-2026' is not a date as YYYY-MM-DD"));
    }

    @Test
    void learningTimeBySourceAndDayAgainstThePreviousPeriod() {
        Learners learners = new Learners(db);
        String user = learners.create("time", "UTC");
        LocalDate today = LocalDate.of(2026, 11, 18); // a Wednesday
        TestClock.set(Learners.at(today, 21, 0, "UTC"));
        learners.learn(user, Learners.at(today, 9, 0, "UTC"), "UTC", 30 * 60, "english");
        learners.learn(user, Learners.at(today, 10, 0, "UTC"), "UTC", 15 * 60, "live");
        learners.learn(user, Learners.at(today.minusDays(2), 10, 0, "UTC"), "UTC", 15 * 60, "english");
        learners.learn(user, Learners.at(today.minusDays(4), 10, 0, "UTC"), "UTC", 20 * 60, "english"); // last week's Saturday
        learners.awaitActivities(user, 4);
        String token = TestSupport.token(user);
        // this week so far: Mon 15, Tue 0, Wed 45 = 60 min in 3 days; the 3 days before: Fri 0, Sat 20, Sun 0
        given().auth().oauth2(token).get("/api/xp/learning-time?period=week").then().statusCode(200)
                .body("period", equalTo("week")).body("start_date", equalTo("2026-11-16")).body("end_date", equalTo("2026-11-18"))
                .body("days", equalTo(3)).body("total_minutes", equalTo(60)).body("daily_average_minutes", equalTo(20.0f))
                .body("active_days", equalTo(2)).body("by_day.minutes", equalTo(List.of(15, 0, 45)))
                .body("best_day.date", equalTo("2026-11-18")).body("best_day.minutes", equalTo(45))
                .body("by_source.source", equalTo(List.of("english", "live"))).body("by_source.minutes", equalTo(List.of(45, 15)))
                .body("by_source.share_pct", equalTo(List.of(75.0f, 25.0f)))
                .body("previous_period.start_date", equalTo("2026-11-13")).body("previous_period.total_minutes", equalTo(20))
                .body("previous_period.delta", equalTo(40)).body("previous_period.delta_pct", equalTo(200.0f))
                .body("previous_period.direction", equalTo("up"));
        given().auth().oauth2(token).get("/api/xp/learning-time?start_date=2026-11-14&end_date=2026-11-14").then()
                .body("period", equalTo("custom")).body("total_minutes", equalTo(20)).body("previous_period.direction", equalTo("up"))
                .body("previous_period.delta_pct", nullValue());
        given().auth().oauth2(token).get("/api/xp/learning-time?period=decade").then().statusCode(400)
                .body("detail", equalTo("Invalid query parameter 'period': 'decade' is not one of week, month, year"));
        given().auth().oauth2(token).get("/api/xp/learning-time?start_date=2026-11-14").then().statusCode(422);
        given().auth().oauth2(token).get("/api/xp/learning-time?start_date=2026-11-14&end_date=2026-11-01").then().statusCode(422);
        given().auth().oauth2(token).get("/api/xp/learning-time?start_date=2024-01-01&end_date=2026-01-01").then().statusCode(422)
                .body("detail", containsString("366"));
    }
}
