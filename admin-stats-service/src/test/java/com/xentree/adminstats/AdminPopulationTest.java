package com.xentree.adminstats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin population (DESIGN.md section 4) across the engagement dashboard, the progress tab and
 * the impact tab, on an organization whose members joined at different dates (back-dated joins):
 * a on 1 May, b on 3 June (inside the previous range), c on 20 June and d on 28 June (inside the
 * range), the owner on 1 July ("today"). They learned before and after joining. Every expectation
 * is computed here from the activity the test sends, by the rule: the whole population's activity
 * in a period, rates over the population's size, join dates for total_members only.
 */
@QuarkusTest
class AdminPopulationTest {

    /** Two weeks, previous range 1-14 June. */
    static final LocalDate START = LocalDate.parse("2026-06-15");
    static final LocalDate END = LocalDate.parse("2026-06-28");
    /** Before everyone's join date; previous range 18-31 March. */
    static final LocalDate EARLY_START = LocalDate.parse("2026-04-01");
    static final LocalDate EARLY_END = LocalDate.parse("2026-04-14");

    record Activity(String user, LocalDate day, int minutes, Integer score) {
    }

    record Award(String user, LocalDate day, int xp) {
    }

    static String org;
    static String teamX;
    static String ownerToken;
    static String run;
    static Map<String, String> users = new HashMap<>();
    static Map<String, LocalDate> joined = new HashMap<>();
    static Map<String, String> teamOf = new HashMap<>();
    static final List<Activity> ACTIVITIES = new ArrayList<>();
    static final List<Award> AWARDS = new ArrayList<>();

    @Inject
    AgroalDataSource db;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @BeforeEach
    void organization() {
        TestClock.set(Instant.parse("2026-07-01T10:00:00Z"));
        if (org != null) {
            return;
        }
        run = UUID.randomUUID().toString().substring(0, 8);
        users.put("owner", "pop-owner-" + run);
        ownerToken = TestSupport.token(users.get("owner"));
        org = OrganizationResourceTest.createOrg(ownerToken, "Population Org " + run);
        joined.put("owner", LocalDate.parse("2026-07-01"));
        teamX = given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", "X"))
                .post("/api/v1/organizations/" + org + "/teams").then().statusCode(201).extract().path("id");
        String platformAdmin = TestSupport.token("pop-ops-" + run, "admin");
        join(platformAdmin, "a", "2026-05-01", teamX);
        join(platformAdmin, "b", "2026-06-03", null);
        join(platformAdmin, "c", "2026-06-20", teamX);
        join(platformAdmin, "d", "2026-06-28", null);

        // before everyone joined (the early range)
        learn("a", "2026-04-03", 20, 50);
        learn("c", "2026-04-10", 15, null);
        award("a", "2026-04-03", 20);
        // the previous range: b before (1 June) and after joining, c before
        learn("b", "2026-06-01", 20, 90);
        learn("a", "2026-06-02", 30, 80);
        learn("b", "2026-06-05", 45, null);
        learn("c", "2026-06-10", 40, null);
        award("b", "2026-06-01", 25);
        award("c", "2026-06-10", 35);
        // the range: c and d before and after joining
        learn("a", "2026-06-16", 60, 60);
        learn("d", "2026-06-16", 30, 40);
        learn("c", "2026-06-17", 50, 70);
        learn("b", "2026-06-22", 30, null);
        learn("a", "2026-06-23", 25, null);
        learn("c", "2026-06-24", 20, null);
        learn("d", "2026-06-27", 10, null);
        award("a", "2026-06-16", 100);
        award("c", "2026-06-17", 60);
        award("d", "2026-06-27", 15);
        long sessions = ACTIVITIES.size();
        long xp = AWARDS.stream().mapToLong(Award::xp).sum();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select coalesce(sum(sessions), 0) from member_day where user_id like ?") == sessions
                && count("select coalesce(sum(xp), 0) from member_day where user_id like ?") == xp);
    }

    static void join(String admin, String who, String day, String team) {
        String user = "pop-" + who + "-" + run;
        users.put(who, user);
        joined.put(who, LocalDate.parse(day));
        teamOf.put(who, team);
        Map<String, Object> body = new HashMap<>(Map.of("user_id", user, "joined_at", day + "T09:00:00Z"));
        if (team != null) {
            body.put("team_id", team);
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/organizations/" + org + "/members").then()
                .statusCode(201);
    }

    static void learn(String who, String day, int minutes, Integer score) {
        ACTIVITIES.add(new Activity(who, LocalDate.parse(day), minutes, score));
        String user = users.get(who);
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, new LearningActivity(UUID.randomUUID(), user, Instant.parse(day + "T10:00:00Z"),
                "UTC", "quiz", "english", "grammar", minutes * 60L, null, score));
    }

    static void award(String who, String day, int xp) {
        AWARDS.add(new Award(who, LocalDate.parse(day), xp));
        String user = users.get(who);
        TestSupport.send(Topics.XP_AWARDED, user, new XpAwarded(UUID.randomUUID(), UUID.randomUUID(), user, Instant.parse(day + "T10:00:00Z"),
                "UTC", "grammar", XpAwarded.ACTIVITY, xp, 1.0, xp, 0, xp, 1));
    }

    private long count(String sql) throws Exception {
        return TestDb.count(db, sql, "pop-%-" + run);
    }

    // ---- the rule, written here apart from the service: the population's activity in a period

    /** What a period amounts to for the members in {@code scope} (short names). */
    record Expected(long members, long active, long seconds, long sessions, long xp, long scoreSum, long scoreCount) {

        double hours() {
            return round1(seconds / 3600.0);
        }

        double activeRate() {
            return round1(active * 100.0 / members);
        }

        double averageScore() {
            return scoreCount == 0 ? 0 : round1((double) scoreSum / scoreCount);
        }

        /** Learning hours per member per week over {@code days}, rounded as a metric (2 decimals) and then as a card (1). */
        double hoursPerMemberPerWeek(int days) {
            return round1(Math.round(seconds / 3600.0 / members / (days / 7.0) * 100) / 100.0);
        }
    }

    static Expected expected(Set<String> scope, LocalDate from, LocalDate to) {
        Predicate<LocalDate> in = d -> !d.isBefore(from) && !d.isAfter(to);
        List<Activity> acts = ACTIVITIES.stream().filter(a -> scope.contains(a.user()) && in.test(a.day())).toList();
        return new Expected(scope.size(), acts.stream().map(Activity::user).distinct().count(),
                acts.stream().mapToLong(a -> a.minutes() * 60L).sum(), acts.size(),
                AWARDS.stream().filter(a -> scope.contains(a.user()) && in.test(a.day())).mapToLong(Award::xp).sum(),
                acts.stream().filter(a -> a.score() != null).mapToLong(Activity::score).sum(),
                acts.stream().filter(a -> a.score() != null).count());
    }

    static Set<String> everyone() {
        return users.keySet();
    }

    static long joinedBy(LocalDate day) {
        return joined.values().stream().filter(j -> !j.isAfter(day)).count();
    }

    static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }

    // ---- reading the views

    private static JsonPath get(String path, LocalDate start, LocalDate end, String team) {
        return given().auth().oauth2(ownerToken).get("/api/v1/admin/stats/" + path + (path.contains("?") ? "&" : "?") + "organization_id=" + org
                + "&start_date=" + start + "&end_date=" + end + (team == null ? "" : "&team_id=" + team)).then().statusCode(200).extract()
                .jsonPath();
    }

    /** A card's value and previous value. */
    private static List<Double> card(JsonPath view, String key) {
        Map<String, Object> k = view.getMap("kpis.find { it.key == '" + key + "' }");
        return List.of(decimal(k.get("value")), decimal(k.get("previous_value")));
    }

    private static List<Double> expectedCard(double value, double previous) {
        return List.of(round1(value), round1(previous));
    }

    /** The figures two or three views share, each against the rule and against each other, for a range and its previous range. */
    private static void everyViewAgrees(LocalDate start, LocalDate end, Set<String> scope, String team) {
        int days = (int) (end.toEpochDay() - start.toEpochDay()) + 1;
        Expected now = expected(scope, start, end);
        Expected before = expected(scope, start.minusDays(days), start.minusDays(1));
        JsonPath engagement = get("", start, end, team);
        JsonPath progress = get("progress/kpis", start, end, team);
        JsonPath impact = get("impact/kpis", start, end, team);

        assertEquals(expectedCard(now.sessions(), before.sessions()), card(engagement, "sessions"), "engagement sessions");
        assertEquals(expectedCard(now.sessions(), before.sessions()), card(progress, "sessions"), "progress sessions");
        assertEquals(expectedCard(now.hours(), before.hours()), card(engagement, "learning_hours"), "engagement hours");
        assertEquals(expectedCard(now.hours(), before.hours()), card(impact, "learning_hours"), "impact hours");
        assertEquals(expectedCard(now.hoursPerMemberPerWeek(days), before.hoursPerMemberPerWeek(days)),
                card(progress, "learning_hours_per_member_per_week"), "progress hours per member per week");
        assertEquals(expectedCard(now.active(), before.active()), card(engagement, "active_members"), "engagement active members");
        assertEquals(expectedCard(now.activeRate(), before.activeRate()), card(engagement, "active_rate"), "engagement active rate");
        assertEquals(expectedCard(now.activeRate(), before.activeRate()), card(progress, "active_member_rate"), "progress active rate");
        assertEquals(expectedCard(now.xp(), before.xp()), card(engagement, "xp_earned"), "engagement XP");
        assertEquals(expectedCard(now.xp(), before.xp()), card(impact, "xp_earned"), "impact XP");
        assertEquals(expectedCard(now.averageScore(), before.averageScore()), card(progress, "average_score"), "progress average score");
        assertEquals(expectedCard(now.averageScore(), before.averageScore()), card(impact, "average_score"), "impact average score");
        assertEquals(expectedCard(now.scoreCount(), before.scoreCount()), card(progress, "attempts"), "progress attempts");
        // join dates count for total members only: joined by the range's end, and by the previous range's end
        if (team == null) {
            assertEquals(expectedCard(joinedBy(end), joinedBy(start.minusDays(1))), card(engagement, "total_members"), "total members");
        }
    }

    @Test
    void theTabsGiveTheSameValueAndPreviousValueForEverySharedFigure() {
        everyViewAgrees(START, END, everyone(), null);
        // the range's previous range on its own answers what the range gave as previous
        everyViewAgrees(START.minusDays(14), END.minusDays(14), everyone(), null);
    }

    @Test
    void aTeamFilterNarrowsThePopulationAndNothingElse() {
        Set<String> x = teamOf.entrySet().stream().filter(e -> teamX.equals(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(Set.of("a", "c"), x);
        everyViewAgrees(START, END, x, teamX);
    }

    @Test
    void aRangeBeforeEveryonesJoinDateShowsTheirActivity() {
        assertTrue(joined.values().stream().allMatch(j -> j.isAfter(EARLY_END)));
        Expected early = expected(everyone(), EARLY_START, EARLY_END);
        assertTrue(early.sessions() > 0 && early.xp() > 0, "the fixture has activity before every join date");
        everyViewAgrees(EARLY_START, EARLY_END, everyone(), null);
        JsonPath engagement = get("", EARLY_START, EARLY_END, null);
        assertEquals(List.of(0.0, 0.0), card(engagement, "total_members"));
        assertEquals(early.sessions(), engagement.getLong("pulse.summary.total_sessions"));
        // every member of the population has a row, with what they did then
        JsonPath table = get("progress/members?size=100", EARLY_START, EARLY_END, null);
        assertEquals(everyone().size(), table.getInt("total"));
        for (String who : everyone()) {
            long minutes = ACTIVITIES.stream().filter(a -> a.user().equals(who) && !a.day().isBefore(EARLY_START) && !a.day().isAfter(EARLY_END))
                    .mapToLong(Activity::minutes).sum();
            assertEquals(minutes, table.getLong("items.find { it.user_id == '" + users.get(who) + "' }.learning_time"), who);
        }
        assertEquals(everyone().size(), engagement.getList("member_activity").size());
        JsonPath top = get("impact/top-performers?limit=100", EARLY_START, EARLY_END, null);
        assertEquals(users.get("a"), top.getString("performers[0].user_id"));
        assertEquals(expected(Set.of("a"), EARLY_START, EARLY_END).xp(), top.getLong("performers[0].xp"));
        assertEquals(everyone().size(), top.getList("performers").size());
    }

    @Test
    void everyTrendsPeriodsAddUpToTheRangesCard() {
        double hours = expected(everyone(), START, END).seconds() / 3600.0;
        JsonPath progress = get("progress/kpis", START, END, null);
        List<Map<String, Object>> weeks = get("progress/trend", START, END, null).getList("points");
        assertEquals(2, weeks.size());
        for (Map<String, Object> week : weeks) {
            Expected e = expected(everyone(), LocalDate.parse((String) week.get("period_start")), LocalDate.parse((String) week.get("period_end")));
            assertEquals(List.of((double) e.active(), (double) e.sessions(), (double) e.scoreCount()),
                    List.of(number(week, "active_members"), number(week, "sessions"), number(week, "attempts")), "week of " + week.get("period_start"));
        }
        assertEquals(card(progress, "sessions").get(0).doubleValue(), sum(weeks, "sessions"));
        assertEquals(card(progress, "attempts").get(0).doubleValue(), sum(weeks, "attempts"));
        // hours are rounded per period (2 decimals): they add up to the range's hours within that rounding
        assertEquals(hours, sum(weeks, "learning_hours"), 0.005 * weeks.size() + 1e-9);
        JsonPath impact = get("impact/kpis", START, END, null);
        List<Map<String, Object>> impactWeeks = get("impact/trend", START, END, null).getList("points");
        assertEquals(card(impact, "xp_earned").get(0).doubleValue(), sum(impactWeeks, "xp"));
        assertEquals(hours, sum(impactWeeks, "learning_hours"), 0.005 * impactWeeks.size() + 1e-9);
        JsonPath engagement = get("", START, END, null);
        List<Map<String, Object>> days = engagement.getList("trend");
        assertEquals(14, days.size());
        assertEquals(hours, sum(days, "total_learning_hours"), 0.005 * days.size() + 1e-9);
        assertEquals(card(engagement, "sessions").get(0).doubleValue(), sum(engagement.getList("pulse.activity_data"), "sessions"));
        // per member: a day's hours over the population's size, whoever had joined by then
        double sixteenth = expected(everyone(), START.plusDays(1), START.plusDays(1)).seconds() / 3600.0;
        assertEquals(Math.round(sixteenth / everyone().size() * 100) / 100.0, number(days.get(1), "avg_learning_hours_per_member"));
    }

    /** A JSON number as the decimal it was written as (rest-assured reads decimals as floats). */
    private static double number(Map<String, Object> row, String key) {
        return decimal(row.get(key));
    }

    private static double decimal(Object jsonNumber) {
        return Double.parseDouble(jsonNumber.toString());
    }

    private static double sum(List<Map<String, Object>> rows, String key) {
        return rows.stream().mapToDouble(r -> number(r, key)).sum();
    }
}
