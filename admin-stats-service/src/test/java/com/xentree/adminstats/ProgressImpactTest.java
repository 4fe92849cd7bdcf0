package com.xentree.adminstats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import com.xentree.events.XpAwarded;
import com.xentree.testing.TestClock;
import com.xentree.testing.TestDb;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The progress and impact tabs on a generated organization. Range 4-31 May 2026 (4 weeks), previous
 * period 6 April - 3 May; "today" is 1 June. Members: the owner (no activity), p1 and p2 in team A,
 * p3 and p4 in team B. Totals are worked out in the comments.
 */
@QuarkusTest
class ProgressImpactTest {

    static String org;
    static String teamA;
    static String teamB;
    static String ownerToken;
    static String run;
    static String p1;
    static String p2;
    static String p3;
    static String p4;
    static final String RANGE = "&start_date=2026-05-04&end_date=2026-05-31";

    @Inject
    AgroalDataSource db;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    static Instant at(String day) {
        return Instant.parse(day + "T10:00:00Z");
    }

    @BeforeEach
    void organization() {
        TestClock.set(at("2026-06-01"));
        if (org != null) {
            return;
        }
        run = UUID.randomUUID().toString().substring(0, 8);
        ownerToken = TestSupport.token("pi-owner-" + run);
        p1 = "pi-p1-" + run;
        p2 = "pi-p2-" + run;
        p3 = "pi-p3-" + run;
        p4 = "pi-p4-" + run;
        TestClock.set(at("2026-04-01"));
        org = OrganizationResourceTest.createOrg(ownerToken, "Impact Org " + run);
        teamA = team(org, "A");
        teamB = team(org, "B");
        join(org, p1, teamA);
        join(org, p2, teamA);
        join(org, p3, teamB);
        TestClock.set(at("2026-05-20"));
        join(org, p4, teamB);
        TestClock.set(at("2026-06-01"));
        // previous period: p1 40 min (score 60) on 20 Apr; XP p1 30 (level 1) on 20 Apr, p2 120 (level 2) on 10 Apr
        learn(p1, "2026-04-20", 40, 60);
        xp(p1, "2026-04-20", 30, 1);
        xp(p2, "2026-04-10", 120, 2);
        // range: p1 60 min (90) on 4 May and 60 min (70) on 11 May; p2 30 min (50) on 5 May; p4 90 min on 25 May
        learn(p1, "2026-05-04", 60, 90);
        learn(p1, "2026-05-11", 60, 70);
        learn(p2, "2026-05-05", 30, 50);
        learn(p4, "2026-05-25", 90, null);
        // XP: p1 250 reaching level 3 on 11 May; p2 40 (still level 2) on 5 May; p4 20 (level 1) on 25 May
        xp(p1, "2026-05-11", 250, 3);
        xp(p2, "2026-05-05", 40, 2);
        xp(p4, "2026-05-25", 20, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select coalesce(sum(sessions), 0) from member_day where user_id like ?") == 5
                && count("select coalesce(sum(xp), 0) from member_day where user_id like ?") == 460);
    }

    static String team(String organization, String name) {
        return given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/organizations/" + organization + "/teams").then().statusCode(201).extract().path("id");
    }

    static void join(String organization, String user, String team) {
        Map<String, Object> body = new HashMap<>();
        body.put("user_id", user);
        if (team != null) {
            body.put("team_id", team);
        }
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(body).post("/api/v1/organizations/" + organization + "/members")
                .then().statusCode(201);
    }

    static void learn(String user, String day, int minutes, Integer score) {
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, new LearningActivity(UUID.randomUUID(), user, at(day), "UTC", "quiz", "english",
                "grammar", minutes * 60L, null, score));
    }

    static void xp(String user, String day, int xp, int level) {
        TestSupport.send(Topics.XP_AWARDED, user, new XpAwarded(UUID.randomUUID(), UUID.randomUUID(), user, at(day), "UTC", "grammar",
                XpAwarded.ACTIVITY, xp, 1.0, xp, 0, xp, level));
    }

    private long count(String sql) throws Exception {
        return TestDb.count(db, sql, "pi-%-" + run);
    }

    private static JsonPath get(String path) {
        return given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/" + path + (path.contains("?") ? "&" : "?") + "organization_id=" + org)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Object> kpi(JsonPath d, String key) {
        Map<String, Object> k = d.getMap("kpis.find { it.key == '" + key + "' }");
        return List.of(k.get("value"), k.get("previous_value"), k.get("delta"), String.valueOf(k.get("delta_pct")), k.get("direction"));
    }

    @Test
    void progressKpiCards() {
        JsonPath d = get("progress/kpis?x=1" + RANGE);
        // active: p1, p2, p4 of the 5 members = 60 %; before: p1 of the same 5 (p4 joined on 20 May, but is one of them) = 20 %
        assertEquals(List.of(60.0f, 20.0f, 40.0f, "200.0", "up"), kpi(d, "active_member_rate"));
        // 240 min = 4 h over 5 members and 4 weeks = 0.2; before 40 min over 5 members and 4 weeks = 0.03 -> 0.0
        assertEquals(List.of(0.2f, 0.0f, 0.2f, "null", "up"), kpi(d, "learning_hours_per_member_per_week"));
        assertEquals(List.of(70.0f, 60.0f, 10.0f, "16.7", "up"), kpi(d, "average_score")); // (90 + 70 + 50) / 3 against 60
        assertEquals(List.of(4.0f, 1.0f, 3.0f, "300.0", "up"), kpi(d, "sessions"));
        assertEquals(List.of(3.0f, 1.0f, 2.0f, "200.0", "up"), kpi(d, "attempts"));
    }

    @Test
    void progressTrendDistributionAndMembersTable() {
        JsonPath t = get("progress/trend?x=1" + RANGE);
        assertEquals(List.of("2026-05-04", "2026-05-11", "2026-05-18", "2026-05-25"), t.getList("points.period_start"));
        assertEquals(List.of(2, 1, 0, 1), t.getList("points.active_members"));
        assertEquals(List.of(1.5f, 1.0f, 0.0f, 1.5f), t.getList("points.learning_hours"));
        assertEquals(List.of(70.0f, 70.0f, 0.0f, 0.0f), t.getList("points.average_score"));
        // owner, p3, p4 have no score; p2 averages 50; p1 80
        assertEquals(List.of(3, 0, 1, 1, 0), get("progress/distribution?x=1" + RANGE).getList("buckets.member_count"));
        JsonPath m = get("progress/members?size=2" + RANGE);
        assertEquals(List.of(p1, p4), m.getList("items.user_id"));
        assertEquals(5, m.getInt("total"));
        assertEquals(List.of(120, 90), m.getList("items.learning_time"));
        assertEquals(List.of("2026-05-11", "2026-05-04"), m.getList("items[0].recent_sessions.date"));
        assertEquals(List.of(70.0f, 90.0f), m.getList("items[0].recent_attempts.average_score"));
        assertEquals(List.of(p1, p2), get("progress/members?sort=average_score&order=desc&size=2" + RANGE).getList("items.user_id"));
        assertEquals(List.of(p2), get("progress/members?sort=learning_time&order=desc&page=2&size=1" + RANGE).getList("items.user_id"));
        String base = "/api/v1/admin/stats/progress/members?organization_id=" + org;
        given().auth().oauth2(ownerToken).get(base + "&sort=height").then().statusCode(422).body("detail", containsString("sort"));
        given().auth().oauth2(ownerToken).get(base + "&order=up").then().statusCode(422).body("detail", containsString("order"));
        given().auth().oauth2(ownerToken).get(base + "&size=0").then().statusCode(422).body("detail", containsString("size"));
    }

    @Test
    void anObjectivesKeyResultsAreMeasured() {
        String objectives = "/api/v1/admin/stats/progress/objectives?organization_id=" + org;
        Map<String, Object> body = Map.of("title", "Engage the whole school", "start_date", "2026-05-04", "due_date", "2026-06-30",
                "key_results", List.of(Map.of("metric", "active_member_rate", "baseline", 20, "target", 80),
                        Map.of("metric", "average_score", "baseline", 50, "target", 90)));
        String id = given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(body).post(objectives).then().statusCode(201)
                // 4 May to today (1 June): 3 of 5 members active = 60 -> (60 - 20) / (80 - 20) = 66.7 %; score 70 -> 50 %
                .body("key_results.current", equalTo(List.of(60.0f, 70.0f))).body("key_results.progress_pct", equalTo(List.of(66.7f, 50.0f)))
                .body("progress_pct", equalTo(58.4f)).body("status", equalTo("active")).extract().path("id");
        given().auth().oauth2(ownerToken).get(objectives).then().body("objectives.id", equalTo(List.of(id)));
        given().auth().oauth2(ownerToken).delete("/api/v1/admin/stats/progress/objectives/" + id + "?organization_id=" + org).then().statusCode(204);
        given().auth().oauth2(ownerToken).get(objectives).then().body("objectives", hasSize(0));
        given().auth().oauth2(ownerToken).get(objectives + "&include_archived=true").then().body("objectives[0].status", equalTo("archived"))
                .body("objectives[0].key_results", hasSize(2));
        given().auth().oauth2(ownerToken).delete("/api/v1/admin/stats/progress/objectives/" + UUID.randomUUID() + "?organization_id=" + org)
                .then().statusCode(404);
    }

    @Test
    void everyRequestBodyIsValidated() {
        String objectives = "/api/v1/admin/stats/progress/objectives?organization_id=" + org;
        Map<String, Object> kr = Map.of("metric", "sessions", "target", 10);
        for (Object[] c : new Object[][] {
            {Map.of("start_date", "2026-05-01", "due_date", "2026-06-01", "key_results", List.of(kr)), "title"},
            {Map.of("title", "t", "start_date", "2026-05-01", "due_date", "2026-06-01", "key_results", List.of()), "key_results"},
            {Map.of("title", "t", "start_date", "2026-06-01", "due_date", "2026-05-01", "key_results", List.of(kr)), "due_date"},
            {Map.of("title", "t", "start_date", "2026-05-01", "due_date", "2026-06-01",
                    "key_results", List.of(Map.of("metric", "happiness", "target", 10))), "key_results[0].metric"},
            {Map.of("title", "t", "start_date", "2026-05-01", "due_date", "2026-06-01",
                    "key_results", List.of(Map.of("metric", "average_score", "target", 120))), "key_results[0].target"},
            {Map.of("title", "t", "start_date", "2026-05-01", "due_date", "2026-06-01",
                    "key_results", List.of(Map.of("metric", "sessions", "target", 5, "baseline", 8))), "above the baseline"},
            {Map.of("title", "t", "start_date", "2026-05-01", "due_date", "2026-06-01",
                    "key_results", List.of(Map.of("metric", "sessions", "target", -1))), "target"}}) {
            given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(c[0]).post(objectives).then().statusCode(422)
                    .body("detail", containsString((String) c[1]));
        }
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body("{\"title\": \"t\", \"start_date\": \"May 1\"}")
                .post(objectives).then().statusCode(400).body("detail", containsString("start_date"));
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("metrics", List.of("happiness")))
                .post("/api/v1/admin/stats/progress/objectives/suggest?organization_id=" + org).then().statusCode(422)
                .body("detail", containsString("metrics"));
        String targets = "/api/v1/admin/stats/impact/targets?organization_id=" + org;
        for (Object[] c : new Object[][] {
            {Map.of("metric", "happiness", "target_value", 1, "period", "week"), "metric"},
            {Map.of("metric", "sessions", "target_value", 1, "period", "fortnight"), "period"},
            {Map.of("metric", "sessions", "target_value", -5, "period", "week"), "target_value"},
            {Map.of("metric", "active_member_rate", "target_value", 150, "period", "week"), "target_value"},
            {Map.of("metric", "sessions", "target_value", 5, "period", "week", "team_id", UUID.randomUUID().toString()), "team_id"}}) {
            given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(c[0]).post(targets).then().statusCode(422)
                    .body("detail", containsString((String) c[1]));
        }
        String weights = "/api/v1/admin/stats/impact/lvi-weights?organization_id=" + org;
        for (Object[] c : new Object[][] {
            {Map.of("learning_time", 0.5, "active_days", 0.5, "xp", 0.0, "average_score", 0.0), "objective_progress: required"},
            {Map.of("learning_time", 1.2, "active_days", -0.2, "xp", 0.0, "average_score", 0.0, "objective_progress", 0.0), "negative"},
            {Map.of("learning_time", 0.5, "active_days", 0.4, "xp", 0.0, "average_score", 0.0, "objective_progress", 0.0), "sum to 1"},
            {Map.of("learning_time", 1.0, "active_days", 0.0, "xp", 0.0, "average_score", 0.0, "objective_progress", 0.0, "charm", 0.0),
                "charm"}}) {
            given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("weights", c[0])).put(weights).then().statusCode(422)
                    .body("detail", containsString((String) c[1]));
        }
        given().auth().oauth2(ownerToken).get(weights).then().body("is_default", equalTo(true)).body("weights.learning_time", equalTo(0.3f));
    }

    @Test
    void suggestionsFollowTheMeasuredData() {
        String token = TestSupport.token("sg-owner-" + UUID.randomUUID());
        String small = OrganizationResourceTest.createOrg(token, "Suggest " + UUID.randomUUID().toString().substring(0, 6));
        String a = "sg-a-" + UUID.randomUUID();
        String b = "sg-b-" + UUID.randomUUID();
        for (String u : List.of(a, b)) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("user_id", u)).post("/api/v1/organizations/" + small + "/members")
                    .then().statusCode(201);
        }
        learn(a, "2026-05-20", 30, 80);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> suggestion(token, small, 33.3f, 50.0f)); // 1 of 3 active; 33.3 + (100 - 33.3) / 4 = 50
        // b starts learning too: 2 of 3 members active -> 66.7 %, and the suggestion moves with it: 66.7 + 33.3 / 4 = 75
        learn(b, "2026-05-28", 30, 60);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> suggestion(token, small, 66.7f, 75.0f));
        JsonPath s = given().auth().oauth2(token).post("/api/v1/admin/stats/impact/targets/suggest?organization_id=" + small).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(75.0f, s.getFloat("suggestions.find { it.metric == 'active_member_rate' }.suggested_value"));
        // the draft saves as it is
        Map<String, Object> draft = s.getMap("suggestions.find { it.metric == 'sessions' }.draft");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(draft)
                .post("/api/v1/admin/stats/impact/targets?organization_id=" + small).then().statusCode(201).body("metric", equalTo("sessions"));
    }

    private static void suggestion(String token, String organization, float current, float target) {
        JsonPath s = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("metrics", List.of("active_member_rate")))
                .post("/api/v1/admin/stats/progress/objectives/suggest?organization_id=" + organization).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(current, target), List.of(s.getFloat("suggestions[0].current_value"), s.getFloat("suggestions[0].suggested_target")));
        assertEquals("2026-06-30", s.getString("suggestions[0].draft.due_date"));
        assertEquals(target, s.getFloat("suggestions[0].draft.key_results[0].target"));
    }

    @Test
    void levelProgressionCounts() {
        JsonPath l = get("impact/level-progression?x=1" + RANGE);
        // before 4 May: p2 at level 2, everyone else at 1; by 31 May p1 reached level 3
        assertEquals(List.of(1, 2, 3), l.getList("levels.level"));
        assertEquals(List.of(4, 1, 0), l.getList("levels.members_at_start"));
        assertEquals(List.of(3, 1, 1), l.getList("levels.members_at_end"));
        assertEquals(1, l.getInt("members_levelled_up"));
    }

    @Test
    void topPerformersAndImpactCardsUnderTwoWeightSettings() {
        String weights = "/api/v1/admin/stats/impact/lvi-weights?organization_id=" + org;
        // learning time only: p1 120 min = 100, p4 90 = 75, p2 30 = 25, owner and p3 0 (tie broken by user id)
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("weights", Map.of("learning_time", 1, "active_days", 0,
                "xp", 0, "average_score", 0, "objective_progress", 0))).put(weights).then().statusCode(200).body("is_default", equalTo(false));
        JsonPath t = get("impact/top-performers?x=1" + RANGE);
        String owner = "pi-owner-" + run;
        assertEquals(List.of(p1, p4, p2, owner, p3), t.getList("performers.user_id"));
        assertEquals(List.of(100.0f, 75.0f, 25.0f, 0.0f, 0.0f), t.getList("performers.lvi"));
        assertEquals(List.of(1, 2, 3, 4, 5), t.getList("performers.rank"));
        JsonPath k = get("impact/kpis?x=1" + RANGE);
        // average LVI (100 + 75 + 25) / 5 = 40; before only p1 learned: 100 over the same 5 members = 20
        assertEquals(List.of(40.0f, 20.0f, 20.0f, "100.0", "up"), kpi(k, "average_lvi"));
        assertEquals(List.of(4.0f, 0.7f, 3.3f, "471.4", "up"), kpi(k, "learning_hours"));
        assertEquals(List.of(310.0f, 150.0f, 160.0f, "106.7", "up"), kpi(k, "xp_earned"));
        // p1 levelled up in the range; p2 (1 -> 2) in the previous one
        assertEquals(List.of(1.0f, 1.0f, 0.0f, "0.0", "flat"), kpi(k, "members_levelled_up"));
        assertEquals(List.of(70.0f, 60.0f, 10.0f, "16.7", "up"), kpi(k, "average_score"));

        // half score, half XP: p1 0.5 * 0.8 + 0.5 * 250/250 = 90; p2 0.5 * 0.5 + 0.5 * 40/250 = 33; p4 0.5 * 20/250 = 4
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("weights", Map.of("learning_time", 0, "active_days", 0,
                "xp", 0.5, "average_score", 0.5, "objective_progress", 0))).put(weights).then().statusCode(200);
        t = get("impact/top-performers?limit=3" + RANGE);
        assertEquals(List.of(p1, p2, p4), t.getList("performers.user_id"));
        assertEquals(List.of(90.0f, 33.0f, 4.0f), t.getList("performers.lvi"));
        assertEquals(0.5f, t.getFloat("weights.xp"));

        JsonPath teams = get("impact/team-breakdown?x=1" + RANGE);
        assertEquals(List.of("A", "B"), teams.getList("teams.team_name").subList(0, 2));
        assertEquals(List.of(2, 1, 0), teams.getList("teams.active_members"));
        assertEquals(List.of(2.5f, 1.5f, 0.0f), teams.getList("teams.learning_hours"));
        assertEquals(List.of(290, 20, 0), teams.getList("teams.xp"));
        assertEquals(61.5f, teams.getFloat("teams[0].average_lvi")); // (90 + 33) / 2
    }

    @Test
    void targetsAreCreatedUpdatedAndMeasured() {
        String targets = "/api/v1/admin/stats/impact/targets?organization_id=" + org;
        // the quarter so far (1 April - 1 June): p1, p2 and p4 active of 5 members
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("metric", "active_member_rate", "target_value", 80,
                "period", "quarter")).post(targets).then().statusCode(201).body("current_value", equalTo(60.0f))
                .body("progress_pct", equalTo(75.0f)).body("period_start", equalTo("2026-04-01")).body("period_end", equalTo("2026-06-30"))
                .body("status", equalTo("behind"));
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("metric", "active_member_rate", "target_value", 60,
                "period", "quarter")).post(targets).then().statusCode(200).body("status", equalTo("achieved"));
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("metric", "sessions", "target_value", 4,
                "period", "month", "team_id", teamA)).post(targets).then().statusCode(201).body("current_value", equalTo(0.0f));
        given().auth().oauth2(ownerToken).get(targets).then().statusCode(200).body("targets", hasSize(2))
                .body("targets.metric", equalTo(List.of("active_member_rate", "sessions")));
    }

    @Test
    void theSameAccessRulesAsTheDashboard() {
        String other = TestSupport.token("pi-other-" + UUID.randomUUID());
        OrganizationResourceTest.createOrg(other, "Elsewhere " + UUID.randomUUID().toString().substring(0, 6));
        for (String path : List.of("progress/kpis", "progress/members", "progress/objectives", "impact/kpis", "impact/top-performers",
                "impact/targets", "impact/lvi-weights")) {
            given().auth().oauth2(other).get("/api/v1/admin/stats/" + path + "?organization_id=" + org).then().statusCode(403)
                    .body("detail", equalTo("Not allowed to do this"));
        }
        given().auth().oauth2(TestSupport.token(p1)).get("/api/v1/admin/stats/impact/kpis?organization_id=" + org).then().statusCode(403);
        given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/impact/kpis?organization_id=" + org + "&team_id=" + UUID.randomUUID())
                .then().statusCode(422);
    }
}
