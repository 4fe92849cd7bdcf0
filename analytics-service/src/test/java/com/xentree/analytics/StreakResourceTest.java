package com.xentree.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.xentree.testing.TestClock;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StreakResourceTest {

    @Inject
    AgroalDataSource db;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aStreakAcrossTheSpringDstChangeInBerlinCountsLocalDays() {
        Learners learners = new Learners(db);
        String zone = "Europe/Berlin";
        String user = learners.create("berlin", zone);
        TestClock.set(Instant.parse("2026-03-31T10:00:00Z"));
        // 00:30 local on each day; on 30 and 31 March Berlin is UTC+2, so these are 22:30 UTC of the day before
        for (int d = 28; d <= 31; d++) {
            learners.learn(user, Learners.at(LocalDate.of(2026, 3, d), 0, 30, zone), zone, 600, "english");
        }
        learners.awaitActivities(user, 4);
        given().auth().oauth2(TestSupport.token(user)).get("/api/xp/streak").then().statusCode(200)
                .body("current_streak", equalTo(4)).body("day_only_streak", equalTo(4)).body("longest_streak", equalTo(4))
                .body("active_today", equalTo(true)).body("at_risk", equalTo(false)).body("last_active_date", equalTo("2026-03-31"))
                .body("next_milestone", equalTo(7)).body("time_zone", equalTo(zone));
        // the same instants read in UTC would fall on 27, 28, 29 and 30 March
        given().auth().oauth2(TestSupport.token(user)).get("/api/xp/weekly-activity?week_start=2026-03-30").then().statusCode(200)
                .body("days.active", equalTo(List.of(true, true, false, false, false, false, false)));
    }

    @Test
    void activitiesArrivingOutOfOrderMakeOneStreakOfTheDaysTheyFallOn() {
        Learners learners = new Learners(db);
        String user = learners.create("late", "UTC");
        LocalDate today = LocalDate.of(2026, 6, 10);
        TestClock.set(Learners.at(today, 21, 0, "UTC"));
        // one batch each: a later day first, then an earlier one (merged), the same day again (kept), the gap last
        int[] daysBack = {0, 2, 0, 1, 5};
        for (int i = 0; i < daysBack.length; i++) {
            learners.learn(user, Learners.at(today.minusDays(daysBack[i]), 9 + i, 0, "UTC"), "UTC", 600, "english");
            learners.awaitActivities(user, i + 1);
        }
        given().auth().oauth2(TestSupport.token(user)).get("/api/xp/streak").then().statusCode(200)
                .body("current_streak", equalTo(3)).body("day_only_streak", equalTo(3)).body("longest_streak", equalTo(3))
                .body("last_active_date", equalTo("2026-06-10"));
        given().auth().oauth2(TestSupport.token(user)).get("/api/xp/weekly-activity?week_start=2026-06-01").then().statusCode(200)
                .body("days.active", equalTo(List.of(false, false, false, false, true, false, false)));
    }

    @Test
    void midnightFallsOnDifferentDaysInAucklandAndUtc() {
        Learners learners = new Learners(db);
        String kiwi = learners.create("kiwi", "Pacific/Auckland");
        String london = learners.create("utc", "UTC");
        // Auckland is UTC+13 in January: 11:30 UTC on 10 Jan is 00:30 on 11 Jan there
        Instant first = Instant.parse("2026-01-10T11:30:00Z");
        Instant second = Instant.parse("2026-01-11T10:30:00Z"); // 23:30 on 11 Jan in Auckland
        TestClock.set(Instant.parse("2026-01-11T10:45:00Z"));
        for (String[] u : new String[][] {{kiwi, "Pacific/Auckland"}, {london, "UTC"}}) {
            learners.learn(u[0], first, u[1], 300, "english");
            learners.learn(u[0], second, u[1], 300, "english");
            learners.awaitActivities(u[0], 2);
        }
        given().auth().oauth2(TestSupport.token(kiwi)).get("/api/xp/streak").then()
                .body("current_streak", equalTo(1)).body("last_active_date", equalTo("2026-01-11"));
        given().auth().oauth2(TestSupport.token(london)).get("/api/xp/streak").then()
                .body("current_streak", equalTo(2)).body("last_active_date", equalTo("2026-01-11"));
        // 15 minutes later it is 12 January in Auckland: the streak is alive but at risk
        TestClock.set(Instant.parse("2026-01-11T11:01:00Z"));
        given().auth().oauth2(TestSupport.token(kiwi)).get("/api/xp/streak").then()
                .body("current_streak", equalTo(1)).body("active_today", equalTo(false)).body("at_risk", equalTo(true));
    }

    @Test
    void aFreezeBridgesOneMissedDayButTwoMissedDaysBreakTheStreak() {
        Learners learners = new Learners(db);
        String bridged = learners.create("bridged", "UTC");
        String broken = learners.create("broken", "UTC");
        LocalDate start = LocalDate.of(2026, 5, 1);
        TestClock.set(Learners.at(start.plusDays(10), 20, 0, "UTC"));
        for (int d = 0; d < 7; d++) { // 7 active days earn a freeze
            learners.learn(bridged, Learners.at(start.plusDays(d), 9, 0, "UTC"), "UTC", 300, "english");
            learners.learn(broken, Learners.at(start.plusDays(d), 9, 0, "UTC"), "UTC", 300, "english");
        }
        // bridged misses day 7 only; broken misses days 7 and 8; both learn on day 9 and 10
        learners.learn(bridged, Learners.at(start.plusDays(8), 9, 0, "UTC"), "UTC", 300, "english");
        for (int d = 9; d <= 10; d++) {
            learners.learn(bridged, Learners.at(start.plusDays(d), 9, 0, "UTC"), "UTC", 300, "english");
            learners.learn(broken, Learners.at(start.plusDays(d), 9, 0, "UTC"), "UTC", 300, "english");
        }
        learners.awaitActivities(bridged, 10);
        learners.awaitActivities(broken, 9);
        // the freeze keeps the streak alive without adding the missed day; day_only counts active days only
        given().auth().oauth2(TestSupport.token(bridged)).get("/api/xp/streak").then()
                .body("current_streak", equalTo(10)).body("day_only_streak", equalTo(3)).body("longest_streak", equalTo(10))
                .body("freezes_used", equalTo(List.of("2026-05-08"))).body("freezes_available", equalTo(0));
        given().auth().oauth2(TestSupport.token(broken)).get("/api/xp/streak").then()
                .body("current_streak", equalTo(2)).body("day_only_streak", equalTo(2)).body("longest_streak", equalTo(7))
                .body("freezes_used", equalTo(List.of("2026-05-08"))).body("freezes_available", equalTo(0));
    }

    @Test
    void aRepairRestoresYesterdayOnceAMonth() {
        Learners learners = new Learners(db);
        String user = learners.create("repair", "UTC");
        LocalDate today = LocalDate.of(2026, 6, 20);
        TestClock.set(Learners.at(today, 8, 0, "UTC"));
        for (int back = 5; back >= 2; back--) {
            learners.learn(user, Learners.at(today.minusDays(back), 12, 0, "UTC"), "UTC", 600, "english");
        }
        learners.awaitActivities(user, 4);
        String token = TestSupport.token(user);
        given().auth().oauth2(token).get("/api/xp/streak").then().body("current_streak", equalTo(0)).body("longest_streak", equalTo(4));
        given().auth().oauth2(token).post("/api/xp/streak/repair").then().statusCode(200)
                .body("repaired_date", equalTo("2026-06-19")).body("streak.current_streak", equalTo(5))
                .body("streak.day_only_streak", equalTo(0)).body("streak.at_risk", equalTo(true));
        given().auth().oauth2(token).get("/api/xp/streak").then().body("current_streak", equalTo(5));
        // a second repair in June is refused, even for another missed day
        TestClock.set(Learners.at(today.plusDays(2), 8, 0, "UTC"));
        given().auth().oauth2(token).post("/api/xp/streak/repair").then().statusCode(409)
                .body("detail", containsString("2026-06")).body("detail", containsString("2026-07-01"));
        // nothing to repair for someone who never learned
        given().auth().oauth2(TestSupport.token(learners.create("idle", "UTC"))).post("/api/xp/streak/repair").then().statusCode(409)
                .body("detail", containsString("Nothing to repair"));
        given().post("/api/xp/streak/repair").then().statusCode(401);
    }

    @Test
    void theLearningPulseHas365DaysWithQuartileLevels() {
        Learners learners = new Learners(db);
        String user = learners.create("pulse", "UTC");
        LocalDate today = LocalDate.of(2026, 8, 31);
        TestClock.set(Learners.at(today, 22, 0, "UTC"));
        long[] minutes = {10, 20, 30, 40};
        for (int i = 0; i < minutes.length; i++) {
            learners.learn(user, Learners.at(today.minusDays(10 * i), 12, 0, "UTC"), "UTC", minutes[i] * 60 + 59, "english");
        }
        learners.learn(user, Learners.at(today.minusDays(400), 12, 0, "UTC"), "UTC", 3600, "english"); // outside the 365 days
        learners.awaitActivities(user, 5);
        var pulse = given().auth().oauth2(TestSupport.token(user)).get("/api/xp/learning-pulse").then().statusCode(200)
                .body("activity_data", hasSize(365)).body("summary.period_start", equalTo("2025-09-01"))
                .body("summary.period_end", equalTo("2026-08-31")).body("summary.total_learning_time", equalTo(100))
                .body("summary.total_sessions", equalTo(4)).body("summary.active_days", equalTo(4)).extract().jsonPath();
        // today 10 min -> level 1, 10 days ago 20 -> 2, 20 days ago 30 -> 3, 30 days ago 40 -> 4; other days 0
        org.junit.jupiter.api.Assertions.assertEquals(List.of(1, 2, 3, 4), List.of(pulse.getInt("activity_data[364].level"),
                pulse.getInt("activity_data[354].level"), pulse.getInt("activity_data[344].level"), pulse.getInt("activity_data[334].level")));
        org.junit.jupiter.api.Assertions.assertEquals(361, pulse.getList("activity_data.level", Integer.class).stream().filter(l -> l == 0).count());
    }
}
