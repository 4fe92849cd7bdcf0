package com.xentree.adminstats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import com.xentree.events.UserProfileChanged;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engagement dashboard on a generated organization: five members joining over three weeks,
 * two teams, and activity whose totals are worked out by hand in the comments.
 */
@QuarkusTest
class DashboardTest {

    static String org;
    static String red;
    static String owner;
    static String ownerToken;
    static String m1;
    static String m2;
    static String m3;
    static String m4;
    static final String RANGE = "&start_date=2026-03-02&end_date=2026-03-29";

    @Inject
    AgroalDataSource db;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    static Instant at(String day, int hour) {
        return Instant.parse(day + "T" + String.format("%02d", hour) + ":00:00Z");
    }

    @BeforeEach
    void organization() throws Exception {
        if (org != null) {
            return;
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        owner = "dash-owner-" + run;
        ownerToken = TestSupport.token(owner);
        m1 = "dash-m1-" + run;
        m2 = "dash-m2-" + run;
        m3 = "dash-m3-" + run;
        m4 = "dash-m4-" + run;
        TestClock.set(at("2026-03-02", 9));
        org = OrganizationResourceTest.createOrg(ownerToken, "Dashboard Org " + run);
        red = given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", "Red"))
                .post("/api/v1/organizations/" + org + "/teams").then().statusCode(201).extract().path("id");
        String blue = given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", "Blue"))
                .post("/api/v1/organizations/" + org + "/teams").then().statusCode(201).extract().path("id");
        join(m1, red, "2026-03-02");
        join(m2, blue, "2026-03-04");
        join(m3, red, "2026-03-10");
        join(m4, null, "2026-03-17");
        TestClock.set(at("2026-04-10", 12));
        TestSupport.send(Topics.USER_PROFILE, m1, new UserProfileChanged(UUID.randomUUID(), Instant.now(), m1, "ana", "Ana Lima",
                "ana@example.com", null, "UTC", Instant.now(), true));
        // m1: 30 min (score 80) on 2 Mar, 60 on 9 Mar, 20 on 23 Mar, and 40 on 20 Feb (the previous period)
        learn(m1, "2026-03-02", 30, 80);
        learn(m1, "2026-03-09", 60, null);
        learn(m1, "2026-03-23", 20, null);
        learn(m1, "2026-02-20", 40, null);
        // m2: 10 min on 5 Mar; m3: 90 min on 11, 18 and 25 Mar and 30 on 29 Mar; m4 and the owner: nothing
        learn(m2, "2026-03-05", 10, null);
        for (String d : List.of("2026-03-11", "2026-03-18", "2026-03-25")) {
            learn(m3, d, 90, null);
        }
        learn(m3, "2026-03-29", 30, null);
        xp(m1, "2026-03-02", 50);
        xp(m3, "2026-03-11", 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select coalesce(sum(sessions), 0) from member_day where user_id like ?") == 9
                && count("select coalesce(sum(xp), 0) from member_day where user_id like ?") == 150
                && count("select count(*) from member_profile where user_id like ?") == 1);
    }

    private static void join(String user, String team, String day) {
        TestClock.set(at(day, 9));
        var body = new java.util.HashMap<String, Object>();
        body.put("user_id", user);
        if (team != null) {
            body.put("team_id", team);
        }
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(body).post("/api/v1/organizations/" + org + "/members")
                .then().statusCode(201);
    }

    private static void learn(String user, String day, int minutes, Integer score) {
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, new LearningActivity(UUID.randomUUID(), user, at(day, 10), "UTC", "lesson",
                "english", "grammar", minutes * 60L, null, score));
    }

    private static void xp(String user, String day, int xp) {
        TestSupport.send(Topics.XP_AWARDED, user, new XpAwarded(UUID.randomUUID(), UUID.randomUUID(), user, at(day, 10), "UTC", "grammar",
                XpAwarded.ACTIVITY, xp, 1.0, xp, 0, xp, 1));
    }

    private long count(String sql) throws Exception {
        return TestDb.count(db, sql, "dash-%-" + owner.substring(owner.length() - 8));
    }

    private static JsonPath dashboard(String query) {
        return given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/?organization_id=" + org + query).then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> kpi(JsonPath d, String key) {
        List<Map<String, Object>> kpis = d.getList("kpis");
        return kpis.stream().filter(k -> key.equals(k.get("key"))).findFirst().orElseThrow();
    }

    private static List<Object> values(Map<String, Object> kpi) {
        return List.of(kpi.get("value"), kpi.get("previous_value"), kpi.get("delta"), String.valueOf(kpi.get("delta_pct")), kpi.get("direction"));
    }

    @Test
    void kpisAgainstThePreviousPeriod() {
        JsonPath d = dashboard(RANGE);
        assertEquals(Map.of("start_date", "2026-03-02", "end_date", "2026-03-29", "previous_start_date", "2026-02-02",
                "previous_end_date", "2026-03-01", "days", 28), d.getMap("date_range"));
        assertEquals(5, d.getInt("organization.member_count"));
        // 5 members by 29 Mar, none by 1 Mar
        assertEquals(List.of(5.0f, 0.0f, 5.0f, "null", "up"), values(kpi(d, "total_members")));
        // m1, m2, m3 active; before: m1 (20 Feb)
        assertEquals(List.of(3.0f, 1.0f, 2.0f, "200.0", "up"), values(kpi(d, "active_members")));
        // 3 of the 5 members; before: m1 of the same 5 (none had joined by 1 Mar, but the rate is over who is in scope)
        assertEquals(List.of(60.0f, 20.0f, 40.0f, "200.0", "up"), values(kpi(d, "active_rate")));
        // 110 + 10 + 300 = 420 min = 7.0 h; before 40 min = 0.7 h; 6.3 / 0.7 = 900 %
        assertEquals(List.of(7.0f, 0.7f, 6.3f, "900.0", "up"), values(kpi(d, "learning_hours")));
        assertEquals(List.of(8.0f, 1.0f, 7.0f, "700.0", "up"), values(kpi(d, "sessions")));
        assertEquals(List.of(140.0f, 40.0f, 100.0f, "250.0", "up"), values(kpi(d, "avg_learning_minutes_per_active_member")));
        assertEquals(List.of(150.0f, 0.0f, 150.0f, "null", "up"), values(kpi(d, "xp_earned")));
    }

    @Test
    void pulseTrendAndDistribution() {
        JsonPath d = dashboard(RANGE);
        assertEquals(28, d.getList("pulse.activity_data").size());
        assertEquals(Map.of("total_learning_time", 420, "total_sessions", 8, "active_days", 8, "period_start", "2026-03-02",
                "period_end", "2026-03-29"), d.getMap("pulse.summary"));
        // active days by seconds: 600, 1200, 1800, 1800, 3600, 5400 x3 -> levels by the share of active days with less
        Map<String, Integer> levels = new java.util.HashMap<>();
        for (Map<String, Object> day : d.<Map<String, Object>>getList("pulse.activity_data")) {
            levels.put((String) day.get("date"), (Integer) day.get("level"));
        }
        assertEquals(List.of(1, 1, 2, 2, 3, 3, 3, 3, 0), List.of(levels.get("2026-03-05"), levels.get("2026-03-23"), levels.get("2026-03-02"),
                levels.get("2026-03-29"), levels.get("2026-03-09"), levels.get("2026-03-11"), levels.get("2026-03-18"),
                levels.get("2026-03-25"), levels.get("2026-03-03")));
        // 11 Mar: 1.5 h over 5 members
        Map<String, Object> eleventh = d.<Map<String, Object>>getList("trend").get(9);
        assertEquals(List.of("2026-03-11", 1.5f, 0.3f),
                List.of(eleventh.get("date"), eleventh.get("total_learning_hours"), eleventh.get("avg_learning_hours_per_member")));
        // owner 0, m4 0, m2 10 min, m1 110 min, m3 300 min (5 h exactly is in 5-10h)
        assertEquals(List.of(Map.of("bucket", "0h", "member_count", 2), Map.of("bucket", "<1h", "member_count", 1),
                Map.of("bucket", "1-5h", "member_count", 1), Map.of("bucket", "5-10h", "member_count", 1),
                Map.of("bucket", "10h+", "member_count", 0)), d.getList("activity_distribution"));
    }

    @Test
    void retentionCellByCell() {
        JsonPath d = dashboard(RANGE);
        assertEquals(List.of("Week 0", "Week 1", "Week 2", "Week 3"), d.getList("retention.periods"));
        List<Map<String, Object>> cohorts = d.getList("retention.cohorts");
        assertEquals(List.of("2026-W10", "2026-W11", "2026-W12"), cohorts.stream().map(c -> c.get("cohort")).toList());
        assertEquals(List.of(3, 1, 1), cohorts.stream().map(c -> c.get("cohort_size")).toList());
        // week of 2 Mar: owner, m1, m2 -> week 0: m1 and m2; week 1: m1; week 2: nobody; week 3: m1
        assertEquals(List.of(List.of(2, 66.7f), List.of(1, 33.3f), List.of(0, 0.0f), List.of(1, 33.3f)), cells(cohorts.get(0)));
        // week of 9 Mar: m3, active every week up to the end
        assertEquals(List.of(List.of(1, 100.0f), List.of(1, 100.0f), List.of(1, 100.0f)), cells(cohorts.get(1)));
        // week of 16 Mar: m4, never active
        assertEquals(List.of(List.of(0, 0.0f), List.of(0, 0.0f)), cells(cohorts.get(2)));
        // averages over the three cohorts: week 1 (33.3 + 100 + 0) / 3; latest the same cells here
        assertEquals(List.of(44.4f, 0.0f, 44.4f, "null", "up"), values(metric(d, "avg_week_1_retention")));
        assertEquals(List.of(44.4f, 0.0f, 44.4f, "null", "up"), values(metric(d, "avg_latest_retention")));
        assertEquals(List.of("2026-W11", "2026-W10", "2026-W12"),
                d.<Map<String, Object>>getList("retention.analytics.top_cohorts").stream().map(c -> c.get("cohort")).toList());
        assertEquals(Map.of("cohort", "2026-W10", "cohort_start_date", "2026-03-02", "cohort_size", 3, "week_1_retention", 33.3f,
                "latest_retention", 33.3f, "retained_users_latest", 1), d.getMap("retention.analytics.top_cohorts[1]"));
    }

    @Test
    void previousPeriodTotalsAndCohorts() {
        // 16-29 Mar against 2-15 Mar: m2 and the XP lie only in the previous period; the owner, m1, m2 and m3 joined in it
        JsonPath d = dashboard("&start_date=2026-03-16&end_date=2026-03-29");
        assertEquals(List.of(5.0f, 4.0f, 1.0f, "25.0", "up"), values(kpi(d, "total_members")));
        // now m1 (23 Mar) and m3; before m1, m2 and m3
        assertEquals(List.of(2.0f, 3.0f, -1.0f, "-33.3", "down"), values(kpi(d, "active_members")));
        // 2 and 3 of the same 5 members (not of the 4 who had joined by 15 Mar)
        assertEquals(List.of(40.0f, 60.0f, -20.0f, "-33.3", "down"), values(kpi(d, "active_rate")));
        // 20 + 210 = 230 min against 90 + 10 + 90 = 190 min; 4 sessions each
        assertEquals(List.of(3.8f, 3.2f), values(kpi(d, "learning_hours")).subList(0, 2));
        assertEquals(List.of(4.0f, 4.0f, 0.0f, "0.0", "flat"), values(kpi(d, "sessions")));
        assertEquals(List.of(115.0f, 63.3f), values(kpi(d, "avg_learning_minutes_per_active_member")).subList(0, 2));
        assertEquals(List.of(0.0f, 150.0f, -150.0f, "-100.0", "down"), values(kpi(d, "xp_earned")));
        assertEquals(Map.of("total_learning_time", 230, "total_sessions", 4, "active_days", 4, "period_start", "2026-03-16",
                "period_end", "2026-03-29"), d.getMap("pulse.summary"));
        // owner, m2 and m4 0; m1 20 min; m3 3.5 h
        assertEquals(List.of(3, 1, 1, 0, 0), d.getList("activity_distribution.member_count"));
        assertEquals(List.of(m3, m1), d.<String>getList("member_activity.user_id").subList(0, 2));
        assertEquals(List.of(20, 1, 1), List.of(d.getInt("member_activity[1].learning_time"), d.getInt("member_activity[1].sessions"),
                d.getInt("member_activity[1].active_days")));
        // now: m4's week of 16 Mar, never active; before: the week of 2 Mar (week 1: m1 of 3) and m3's of 9 Mar (one week only)
        List<Map<String, Object>> cohorts = d.getList("retention.cohorts");
        assertEquals(List.of("2026-W12"), cohorts.stream().map(c -> c.get("cohort")).toList());
        assertEquals(List.of(List.of(0, 0.0f), List.of(0, 0.0f)), cells(cohorts.get(0)));
        assertEquals(List.of(0.0f, 33.3f, -33.3f, "-100.0", "down"), values(metric(d, "avg_week_1_retention")));
        assertEquals(List.of(0.0f, 33.3f, -33.3f, "-100.0", "down"), values(metric(d, "avg_latest_retention")));
        assertEquals(List.of(1.0f, 4.0f, -3.0f, "-75.0", "down"), values(metric(d, "cohort_members")));
    }

    private static List<List<Object>> cells(Map<String, Object> cohort) {
        List<List<Object>> cells = new ArrayList<>();
        for (Object o : (List<?>) cohort.get("periods")) {
            Map<?, ?> cell = (Map<?, ?>) o;
            cells.add(List.of(cell.get("retained_users"), cell.get("retention_rate")));
        }
        return cells;
    }

    private static Map<String, Object> metric(JsonPath d, String key) {
        List<Map<String, Object>> metrics = d.getList("retention.analytics.metrics");
        return metrics.stream().filter(k -> key.equals(k.get("key"))).findFirst().orElseThrow();
    }

    @Test
    void membersTheirStatusAtTheEdgesAndTheDirectory() {
        JsonPath d = dashboard(RANGE);
        assertEquals(List.of(m3, m1, m2), d.<String>getList("member_activity.user_id").subList(0, 3));
        Map<String, Object> ana = d.getMap("member_activity.find { it.user_id == '" + m1 + "' }");
        assertEquals(List.of("ana", "Ana Lima", "ana@example.com", 110, 3, 3, "active"), List.of(ana.get("username"), ana.get("full_name"),
                ana.get("email"), ana.get("learning_time"), ana.get("sessions"), ana.get("active_days"), ana.get("status")));
        // status relative to the end of the range: m1 last active 23 Mar (6 days before 29 Mar), m2 on 5 Mar (24 days)
        assertEquals("at_risk", d.getString("member_activity.find { it.user_id == '" + m2 + "' }.status"));
        assertEquals("inactive", d.getString("member_activity.find { it.user_id == '" + m4 + "' }.status"));
        assertEquals(List.of("active", "at_risk"), List.of(status(m1, "2026-03-29"), status(m1, "2026-03-30"))); // 6 and 7 days
        assertEquals(List.of("at_risk", "inactive"), List.of(status(m2, "2026-04-03"), status(m2, "2026-04-04"))); // 29 and 30 days
        Map<String, Object> entry = d.getMap("member_directory.find { it.user_id == '" + m1 + "' }");
        assertEquals(List.of("Red"), entry.get("teams"));
        assertEquals(1, ((List<?>) entry.get("affiliations")).size());
        assertEquals("2026-03-02T09:00:00Z", entry.get("join_date"));
        assertEquals(5, d.getList("member_directory").size());
    }

    private static String status(String user, String end) {
        return given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/members/" + user + "?organization_id=" + org
                + "&start_date=2026-03-01&end_date=" + end).then().statusCode(200).extract().path("status");
    }

    @Test
    void memberDetail() {
        given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/members/" + m1 + "?organization_id=" + org + RANGE).then()
                .statusCode(200).body("member.user_id", equalTo(m1)).body("status", equalTo("active"))
                .body("kpis.find { it.key == 'learning_hours' }.value", equalTo(1.8f)) // 110 min
                .body("kpis.find { it.key == 'active_days' }.previous_value", equalTo(1.0f))
                .body("kpis.find { it.key == 'average_score' }.value", equalTo(80.0f))
                .body("sessions.date", equalTo(List.of("2026-03-02", "2026-03-09", "2026-03-23")))
                .body("sessions.learning_time", equalTo(List.of(30, 60, 20))).body("pulse.activity_data", hasSize(28))
                .body("affiliations[0].team_name", equalTo("Red"));
        given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/members/nobody-" + UUID.randomUUID() + "?organization_id=" + org)
                .then().statusCode(404);
    }

    @Test
    void theTeamFilterNarrowsToTheTeam() {
        JsonPath d = dashboard(RANGE + "&team_id=" + red);
        // Red: m1 (110 min) and m3 (300 min)
        assertEquals(List.of(2.0f, 0.0f, 2.0f, "null", "up"), values(kpi(d, "total_members")));
        assertEquals(6.8f, kpi(d, "learning_hours").get("value"));
        assertEquals(List.of(m3, m1), d.getList("member_activity.user_id"));
        given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/?organization_id=" + org + "&team_id=" + UUID.randomUUID())
                .then().statusCode(422).body("detail", containsString("team_id"));
    }

    @Test
    void anotherOrganizationsAdminLearnsNothingBadRangesAre422AndMalformedParametersAre400() {
        String otherOwner = TestSupport.token("other-owner-" + UUID.randomUUID());
        OrganizationResourceTest.createOrg(otherOwner, "Other " + UUID.randomUUID().toString().substring(0, 6));
        for (String id : List.of(org, UUID.randomUUID().toString())) {
            given().auth().oauth2(otherOwner).get("/api/v1/admin/stats/?organization_id=" + id).then().statusCode(403)
                    .body("detail", equalTo("Not allowed to do this"));
            given().auth().oauth2(otherOwner).get("/api/v1/admin/stats/members/" + m1 + "?organization_id=" + id).then().statusCode(403)
                    .body("detail", equalTo("Not allowed to do this"));
        }
        // a plain member of the organization is not an admin of it
        given().auth().oauth2(TestSupport.token(m1)).get("/api/v1/admin/stats/?organization_id=" + org).then().statusCode(403);
        given().auth().oauth2(TestSupport.token("ops", "admin")).get("/api/v1/admin/stats/?organization_id=" + org + RANGE).then()
                .statusCode(200);
        given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/?organization_id=" + org + "&start_date=2026-03-10&end_date=2026-03-01")
                .then().statusCode(422).body("detail", containsString("end_date"));
        given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/?organization_id=" + org + "&start_date=2025-01-01&end_date=2026-03-01")
                .then().statusCode(422).body("detail", containsString("366"));
        given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/?organization_id=" + org + "&start_date=03/01/2026")
                .then().statusCode(400).body("detail", equalTo("Invalid query parameter 'start_date': '03/01/2026' is not a date as YYYY-MM-DD"));
        given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/?organization_id=not-a-uuid").then().statusCode(400)
                .body("detail", equalTo("Invalid query parameter 'organization_id': 'not-a-uuid' is not a UUID"));
    }
}
