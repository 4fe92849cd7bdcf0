package com.xentree.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.OrgMembershipChanged;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DetailsAndLeaderboardTest {

    @Inject
    AgroalDataSource db;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static void member(UUID org, String user, String role) {
        TestSupport.send(Topics.ORG_MEMBERSHIP, OrgMembershipChanged.key(org, user),
                new OrgMembershipChanged(UUID.randomUUID(), Instant.now(), org, user, role, null, Instant.now()));
    }

    @Test
    void userDetailsAddUpAndAreReadableByTheUserAdminsAndTheirOrganizationsAdminsOnly() throws Exception {
        Learners learners = new Learners(db);
        String user = learners.create("details", "UTC");
        LocalDate today = LocalDate.of(2026, 7, 10);
        TestClock.set(Learners.at(today, 20, 0, "UTC"));
        for (int d = 3; d >= 0; d--) { // 4 active days of 31 minutes: the first-hour achievement and a 3-day streak
            learners.learn(user, Learners.at(today.minusDays(d), 9, 0, "UTC"), "UTC", 31 * 60, "english");
        }
        learners.xp(user, Learners.at(today.minusDays(1), 9, 0, "UTC"), "UTC", "grammar", 300, 300, 3);
        learners.xp(user, Learners.at(today, 9, 0, "UTC"), "UTC", "speaking", 120, 420, 3);
        learners.awaitActivities(user, 4);
        learners.awaitXp(user, 420);

        JsonPath d = given().auth().oauth2(TestSupport.token(user)).get("/api/v1/analytics/users/" + user + "/details").then()
                .statusCode(200).body("user_id", equalTo(user)).body("email", equalTo(user + "@example.com"))
                .body("xp_breakdown", equalTo(Map.of("grammar", 300, "speaking", 120, "total", 420)))
                .body("stats.total_xp", equalTo(420)).body("stats.level", equalTo(3))
                .body("stats.total_learning_minutes", equalTo(124)).body("stats.active_days", equalTo(4))
                .body("streaks.current_streak", equalTo(4)).body("streaks.last_active_date", equalTo("2026-07-10"))
                .extract().jsonPath();
        // the stats are the sum of the lists beside them
        List<Map<String, Object>> achievements = d.getList("achievements");
        assertEquals(d.getInt("stats.total_achievements"), achievements.stream().filter(a -> (Boolean) a.get("is_completed")).count());
        // 2 hours 4 minutes over 4 days in a row; a quest completed on the way unlocks the first-quest one
        List<String> expected = d.getInt("stats.total_quests_completed") > 0
                ? List.of("learning_hours_1", "quests_1", "streak_3") : List.of("learning_hours_1", "streak_3");
        assertEquals(expected, achievements.stream().filter(a -> (Boolean) a.get("is_completed"))
                .map(a -> (String) a.get("achievement_id")).sorted().toList());
        List<Map<String, Object>> challenges = d.getList("challenges");
        assertEquals(d.getInt("stats.total_quests_completed"), challenges.stream().filter(c -> "completed".equals(c.get("status"))).count());
        assertEquals(d.getInt("stats.total_quests_started"), challenges.stream().filter(c -> (Integer) c.get("current_progress") > 0).count());
        assertEquals(d.getInt("stats.total_boosts_earned"), d.getList("rewards").size());
        assertEquals(d.getInt("stats.total_quests_completed"), d.getList("rewards").size());
        // achievements are announced once each
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(expected,
                TestSupport.readAll(Topics.ANALYTICS_PROGRESS, user).stream().map(r -> {
                    try {
                        return TestSupport.JSON.readValue(r.value(), com.xentree.events.ProgressEvent.class);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).filter(e -> "achievement_unlocked".equals(e.type())).map(e -> e.achievementId()).sorted().toList()));

        String path = "/api/v1/analytics/users/" + user + "/details";
        given().auth().oauth2(TestSupport.token("someone-else")).get(path).then().statusCode(403);
        given().auth().oauth2(TestSupport.token("platform-ops", "admin")).get(path).then().statusCode(200);
        UUID org = UUID.randomUUID();
        UUID otherOrg = UUID.randomUUID();
        String orgAdmin = "org-admin-" + UUID.randomUUID();
        String otherAdmin = "other-admin-" + UUID.randomUUID();
        String colleague = "colleague-" + UUID.randomUUID();
        member(org, user, "member");
        member(org, orgAdmin, "admin");
        member(org, colleague, "member");
        member(otherOrg, otherAdmin, "owner");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestSupport.token(orgAdmin)).get(path).then().statusCode(200));
        given().auth().oauth2(TestSupport.token(colleague)).get(path).then().statusCode(403);
        given().auth().oauth2(TestSupport.token(otherAdmin)).get(path).then().statusCode(403);
        // removal (a tombstone on the compacted topic) ends the access
        TestSupport.sendRaw(Topics.ORG_MEMBERSHIP, OrgMembershipChanged.key(org, user), null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestSupport.token(orgAdmin)).get(path).then().statusCode(403));
    }

    @Test
    void leaderboardsRankWithTiesHidePrivateProfilesAndShowTheCallersNeighbours() {
        Learners learners = new Learners(db);
        LocalDate today = LocalDate.now();
        UUID org = UUID.randomUUID();
        // all-time totals: a 500, b 400, c 400, d 300 (private), e 100; only they belong to the organization
        String[] users = new String[5];
        long[] totals = {500, 400, 400, 300, 100};
        for (int i = 0; i < users.length; i++) {
            users[i] = learners.create("board" + (char) ('a' + i), "UTC", i != 3);
            learners.xp(users[i], Instant.now().minusSeconds(60), "UTC", "grammar", (int) totals[i], totals[i], 3);
            member(org, users[i], "member");
        }
        for (String u : users) {
            learners.awaitXp(u, totals[java.util.Arrays.asList(users).indexOf(u)]);
        }
        String board = "/api/xp/leaderboard?board=all_time&organization_id=" + org;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestSupport.token(users[4])).get(board).then()
                .statusCode(200).body("entries", hasSize(4)));
        given().auth().oauth2(TestSupport.token(users[2])).get(board).then()
                .body("scope", equalTo("organization")).body("entries.rank", equalTo(List.of(1, 2, 2, 4))) // ranked among listed learners
                .body("entries.xp", equalTo(List.of(500, 400, 400, 100)))
                .body("entries.is_me", equalTo(List.of(false, false, true, false))).body("entries[0].email", nullValue())
                .body("me.rank", equalTo(2)).body("me.listed", equalTo(true)).body("me.neighbours", hasSize(4));
        // the private learner is not listed but sees where they stand
        given().auth().oauth2(TestSupport.token(users[3])).get(board).then()
                .body("me.rank", equalTo(4)).body("me.xp", equalTo(300)).body("me.listed", equalTo(false));
        given().auth().oauth2(TestSupport.token(users[0])).get(board + "&limit=2").then().body("entries", hasSize(2));
        given().auth().oauth2(TestSupport.token("outsider-" + UUID.randomUUID())).get(board).then().statusCode(403);
        given().auth().oauth2(TestSupport.token(users[0])).get("/api/xp/leaderboard?board=monthly").then().statusCode(400)
                .body("detail", equalTo("Invalid query parameter 'board': 'monthly' is not one of all_time, weekly"));
        given().auth().oauth2(TestSupport.token(users[0])).get("/api/xp/leaderboard?limit=0").then().statusCode(422);
        // the weekly board counts this week's XP; the global board holds everyone
        given().auth().oauth2(TestSupport.token(users[0])).get("/api/xp/leaderboard").then().statusCode(200)
                .body("board", equalTo("weekly")).body("scope", equalTo("global")).body("me.xp", equalTo(500));
    }

    @Test
    void aRecomputeRewritesOnlyTheEntriesThatChangedAndTheBoardsAgeComesFromTheData() throws Exception {
        Learners learners = new Learners(db);
        UUID org = UUID.randomUUID();
        String[] users = {learners.create("steadya", "UTC", true), learners.create("steadyb", "UTC", true),
                learners.create("steadyc", "UTC", true)};
        long[] totals = {500, 400, 100};
        for (int i = 0; i < users.length; i++) {
            learners.xp(users[i], Instant.now().minusSeconds(60), "UTC", "grammar", (int) totals[i], totals[i], 3);
            member(org, users[i], "member");
            learners.awaitXp(users[i], totals[i]);
        }
        String board = "/api/xp/leaderboard?board=all_time&organization_id=" + org;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestSupport.token(users[0])).get(board).then()
                .statusCode(200).body("entries", hasSize(3)));
        Map<String, String> versions = rowVersions(org);
        awaitRecomputes(2);
        assertEquals(versions, rowVersions(org), "unchanged entries were rewritten");

        // b overtakes a: their two entries change, c's stays as it was
        learners.xp(users[1], Instant.now().minusSeconds(30), "UTC", "grammar", 200, 600, 4);
        learners.awaitXp(users[1], 600);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestSupport.token(users[0])).get(board).then()
                .body("entries.xp", equalTo(List.of(600, 500, 100))));
        Map<String, String> after = rowVersions(org);
        assertEquals(versions.get(users[2]), after.get(users[2]));
        assertEquals(false, versions.get(users[0]).equals(after.get(users[0])));
        assertEquals(false, versions.get(users[1]).equals(after.get(users[1])));
        // every replica reports the same age: when the recompute ran, from the lease row
        Instant updatedAt = Instant.parse(given().auth().oauth2(TestSupport.token(users[0])).get(board).then().extract().path("updated_at"));
        assertEquals(lastRecompute(), updatedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /** Each entry's row version: an update in place writes a new one, an untouched row keeps its own. */
    private Map<String, String> rowVersions(UUID org) throws Exception {
        Map<String, String> versions = new java.util.HashMap<>();
        try (var c = db.getConnection(); var ps = c.prepareStatement(
                "select user_id, xmin::text || '/' || ctid::text from leaderboard_entry where board = 'all_time' and scope = ?")) {
            ps.setString(1, org.toString());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return versions;
    }

    private Instant lastRecompute() throws Exception {
        try (var c = db.getConnection(); var rs = c.createStatement().executeQuery(
                "select last_run_at from job_lease where job = 'leaderboard-refresh'")) {
            rs.next();
            return rs.getTimestamp(1).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }
    }

    private long recomputes() throws Exception {
        try (var c = db.getConnection(); var rs = c.createStatement().executeQuery("select runs from job_lease where job = 'leaderboard-refresh'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void awaitRecomputes(int more) throws Exception {
        long target = recomputes() + more;
        await().atMost(Duration.ofSeconds(30)).until(() -> recomputes() >= target);
    }
}
