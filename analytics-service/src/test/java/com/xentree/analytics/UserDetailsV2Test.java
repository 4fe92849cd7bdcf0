package com.xentree.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.LearningActivity;
import com.xentree.events.OrgMembershipChanged;
import com.xentree.events.Topics;
import com.xentree.events.XpAwarded;
import com.xentree.testing.TestClock;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v2/analytics/users/details} against the user-details document (seeds/002): the
 * same keys as its example in every object, each with the example's JSON type, and figures that
 * agree with the v1 details and the learner endpoints for the same user.
 */
@QuarkusTest
class UserDetailsV2Test {

    static final String V2 = "/api/v2/analytics/users/details";
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The document's example, copied from seeds/002_c33fe8cfc35a88a3.txt. */
    static final JsonNode DOCUMENT = document();
    static final LocalDate TODAY = LocalDate.of(2026, 7, 10);

    @Inject
    AgroalDataSource db;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static JsonNode document() {
        try (InputStream in = UserDetailsV2Test.class.getResourceAsStream("/seed-002-user-details-example.json")) {
            return MAPPER.readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return Learners.at(day, hour, minute, "UTC");
    }

    private static void award(String user, UUID sourceEventId, Instant at, String category, int base, double multiplier, int xp,
            long totalAfter) {
        TestSupport.send(Topics.XP_AWARDED, user, new XpAwarded(UUID.randomUUID(), sourceEventId, user, at, "UTC", category,
                XpAwarded.ACTIVITY, base, multiplier, xp, 0, totalAfter, 3));
    }

    /**
     * Four days of 31 minutes of vocabulary, XP in grammar (knowledge), speaking (creativity), debate
     * from live sessions (participation, by its source) and trivia (no dimension); today's quests
     * complete, and 20 XP at the 1.5 multiplier of a completed quest's boost become 30.
     */
    private String learnerWithAWeek(Learners learners) {
        String user = learners.create("details2", "UTC");
        TestClock.set(at(TODAY, 20, 0));
        for (int d = 3; d >= 0; d--) {
            learners.learn(user, at(TODAY.minusDays(d), 9, 0), "UTC", 31 * 60, "english");
        }
        learners.xp(user, at(TODAY.minusDays(1), 9, 0), "UTC", "grammar", 300, 300, 3);
        learners.xp(user, at(TODAY, 9, 10), "UTC", "speaking", 120, 420, 3);
        LearningActivity debate = new LearningActivity(UUID.randomUUID(), user, at(TODAY, 9, 12), "UTC", "conversation", "live", "debate",
                60L, 40, null);
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, debate);
        award(user, debate.eventId(), debate.occurredAt(), "debate", 40, 1.0, 40, 460);
        learners.xp(user, at(TODAY, 9, 14), "UTC", "trivia", 25, 485, 3);
        learners.awaitActivities(user, 5);
        learners.awaitXp(user, 485);
        // after the quests completed (09:00-09:14): covered by the 1.5 boost of learning time or XP, whichever was drawn
        award(user, UUID.randomUUID(), at(TODAY, 9, 20), "grammar", 20, 1.5, 30, 515);
        learners.awaitXp(user, 515);
        return user;
    }

    @Test
    void v2DetailsHaveEveryKeyOfTheDocumentWithItsTypeAndAgreeWithV1AndTheLearnerEndpoints() throws Exception {
        String user = learnerWithAWeek(new Learners(db));
        String apiKey = TestSupport.publishApiKey(user, Set.of(), false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("x-api-token", apiKey).queryParam("userId", user).get(V2).then().statusCode(200));
        JsonNode v2 = MAPPER.readTree(given().header("x-api-token", apiKey).queryParam("userId", user).get(V2).then().statusCode(200)
                .contentType("application/json").extract().asString());

        List<String> problems = new ArrayList<>();
        Set<String> compared = new TreeSet<>();
        sameShape("", DOCUMENT, v2, problems, compared);
        assertEquals(List.of(), problems);
        assertEquals(keyPaths("", DOCUMENT), compared, "every key path of the document is compared");
        assertEquals(80, compared.size(), "key paths: 13 at the top, 7 + 7 in stats and xpBreakdown, 13 + 12 + 19 + 9 in the lists");

        String token = TestSupport.token(user);
        JsonNode v1 = get("/api/v1/analytics/users/" + user + "/details", token);
        agreesWithV1(v2, v1);
        xpBreakdownFollowsTheMapping(v2.get("xpBreakdown"), v1.get("xp_breakdown"));
        streaksAgreeWithTheStreakEndpoint(v2.get("streaks"), get("/api/xp/streak", token));
        achievementsAgreeWithTheAchievementsEndpoint(v2.get("achievements"), get("/api/xp/achievements", token));
        challengesAgreeWithTodaysQuests(v2, get("/api/xp/quests", token));
    }

    private static JsonNode get(String path, String token) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(token).get(path).then().statusCode(200).extract().asString());
    }

    /**
     * Every object has exactly the document's keys; every value the document's JSON type (a date
     * that does not apply may be null; the document's "<unknown>" takes any value); every element of
     * a list has the shape of the document's element.
     */
    private static void sameShape(String path, JsonNode expected, JsonNode actual, List<String> problems, Set<String> compared) {
        if (expected.isTextual() && expected.asText().equals("<unknown>")) {
            if (actual.isNull() || actual.isMissingNode()) {
                problems.add(path + ": missing");
            }
            return;
        }
        if (actual.isNull() && expected.isTextual() && path.endsWith("At")) {
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            problems.add(path + ": " + actual.getNodeType() + " where the document has " + expected.getNodeType());
            return;
        }
        if (expected.isObject()) {
            Set<String> want = new TreeSet<>();
            expected.fieldNames().forEachRemaining(want::add);
            Set<String> have = new TreeSet<>();
            actual.fieldNames().forEachRemaining(have::add);
            if (!want.equals(have)) {
                problems.add(path + ": keys " + have + " where the document has " + want);
            }
            for (String key : want) {
                String child = path.isEmpty() ? key : path + "." + key;
                compared.add(child);
                if (actual.has(key)) {
                    sameShape(child, expected.get(key), actual.get(key), problems, compared);
                }
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            if (actual.isEmpty() && !path.equals("rewardEntries")) { // we grant no entries; every other list must show its shape
                problems.add(path + ": empty, so its elements cannot be compared");
            }
            for (JsonNode element : actual) {
                sameShape(path + "[]", expected.get(0), element, problems, compared);
            }
        }
    }

    /** Every key path of the document ("stats.totalXP", "achievements[].progress", ...), except inside entries we never grant. */
    private static Set<String> keyPaths(String path, JsonNode node) {
        Set<String> paths = new TreeSet<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                paths.add(child);
                if (!child.equals("rewardEntries")) {
                    paths.addAll(keyPaths(child, e.getValue()));
                }
            }
        } else if (node.isArray() && !node.isEmpty()) {
            paths.addAll(keyPaths(path + "[]", node.get(0)));
        }
        return paths;
    }

    private static void agreesWithV1(JsonNode v2, JsonNode v1) {
        JsonNode stats = v2.get("stats");
        JsonNode v1Stats = v1.get("stats");
        assertEquals(515, stats.get("totalXP").asLong());
        assertEquals(v1Stats.get("total_xp").asLong(), stats.get("totalXP").asLong());
        assertEquals(stats.get("totalXP").asLong(), stats.get("totalPoints").asLong());
        assertEquals(3, stats.get("currentLevel").asInt());
        assertEquals(v1Stats.get("level").asInt(), stats.get("currentLevel").asInt());
        assertEquals(v1Stats.get("total_achievements").asInt(), stats.get("totalAchievements").asInt());
        assertEquals(v1Stats.get("total_quests_completed").asInt(), stats.get("totalChallengesCompleted").asInt());
        assertEquals(v1Stats.get("total_quests_started").asInt(), stats.get("totalChallengesStarted").asInt());
        assertTrue(stats.get("totalChallengesCompleted").asInt() >= 2, "learning time or XP, and the streak quest, completed today");
        // rewards: every boost v1 lists and every achievement badge
        assertEquals(v1Stats.get("total_boosts_earned").asInt() + v1Stats.get("total_achievements").asInt(),
                stats.get("totalRewardsEarned").asInt());
        assertEquals(stats.get("totalRewardsEarned").asInt(), v2.get("rewardAssets").size());
        assertEquals(v1Stats.get("total_boosts_earned").asInt(), count(v2.get("rewardAssets"), a -> a.get("type").asText().equals("xp_boost")));
        assertEquals(stats.get("totalAchievements").asInt(), count(v2.get("achievements"), a -> a.get("isCompleted").asBoolean()));
        assertEquals(0, v2.get("rewardEntries").size());
        assertEquals(v1.get("user_id").asText(), v2.get("userId").asText());
        assertEquals(v1.get("username").asText(), v2.get("username").asText());
        assertEquals(v1.get("email").asText(), v2.get("email").asText());
        assertEquals("2025-01-01T00:00:00Z", v2.get("createdAt").asText());
        assertEquals("Learner details2", v2.get("displayName").asText());
        assertEquals("", v2.get("profilePictureUrl").asText());
    }

    /** Grammar is knowledge, speaking creativity, debate participation (by its source, live); trivia counts in total only. */
    private static void xpBreakdownFollowsTheMapping(JsonNode breakdown, JsonNode v1Breakdown) {
        assertEquals(v1Breakdown.get("total").asLong(), breakdown.get("total").asLong());
        assertEquals(v1Breakdown.get("grammar").asLong(), breakdown.get("knowledge").asLong());
        assertEquals(330, breakdown.get("knowledge").asLong());
        assertEquals(v1Breakdown.get("speaking").asLong(), breakdown.get("creativity").asLong());
        assertEquals(40, breakdown.get("participation").asLong());
        assertEquals(0, breakdown.get("loyalty").asLong() + breakdown.get("influence").asLong() + breakdown.get("contribution").asLong());
        long six = StreamSupport.stream(List.of("knowledge", "creativity", "participation", "loyalty", "influence", "contribution")
                .spliterator(), false).mapToLong(d -> breakdown.get(d).asLong()).sum();
        assertEquals(v1Breakdown.get("trivia").asLong(), breakdown.get("total").asLong() - six, "unmapped XP counts in total only");
    }

    private static void streaksAgreeWithTheStreakEndpoint(JsonNode streaks, JsonNode streak) {
        assertEquals(2, streaks.size());
        JsonNode learning = streaks.get(0);
        JsonNode dayOnly = streaks.get(1);
        assertEquals("learning_streak", learning.get("id").asText());
        assertEquals(4, learning.get("currentStreak").asInt());
        assertEquals(streak.get("current_streak").asInt(), learning.get("currentStreak").asInt());
        assertEquals(streak.get("longest_streak").asInt(), learning.get("longestStreak").asInt());
        assertEquals("streak_7", learning.get("achievementId").asText(), "3 days unlocked, 7 next");
        assertEquals("day_only_streak", dayOnly.get("id").asText());
        assertEquals(streak.get("day_only_streak").asInt(), dayOnly.get("currentStreak").asInt());
        assertEquals(4, dayOnly.get("longestStreak").asInt());
        for (JsonNode s : streaks) {
            assertEquals(at(TODAY, 9, 12).toString(), s.get("lastExtendedAt").asText());
            assertEquals(List.of(Map.of("start", TODAY.minusDays(3).toString(), "end", TODAY.toString())),
                    MAPPER.convertValue(s.get("streakPeriods"), List.class));
        }
    }

    private static void achievementsAgreeWithTheAchievementsEndpoint(JsonNode v2, JsonNode learner) {
        assertEquals(learner.get("achievements").size(), v2.size());
        for (int i = 0; i < v2.size(); i++) {
            JsonNode a = v2.get(i);
            JsonNode l = learner.get("achievements").get(i);
            assertEquals(l.get("achievement_id").asText(), a.get("achievementId").asText());
            assertEquals(l.get("progress").asInt(), a.get("progress").asInt(), a.get("achievementId").asText());
            assertEquals(l.get("progress_max").asInt(), a.get("progressMax").asInt());
            assertEquals(l.get("is_completed").asBoolean(), a.get("isCompleted").asBoolean());
            assertEquals(l.get("completed_at"), a.get("completedAt"));
        }
        JsonNode streak3 = find(v2, "achievementId", "streak_3");
        assertEquals("3 of 3 days in a row", streak3.get("progressSummary").asText());
        assertEquals(streak3.get("completedAt"), streak3.get("lastUpdatedAt"));
        JsonNode hours10 = find(v2, "achievementId", "learning_hours_10");
        assertEquals("2 of 10 hours", hours10.get("progressSummary").asText(), "4 × 31 min + 1 min");
        assertEquals(at(TODAY, 9, 12).toString(), hours10.get("lastUpdatedAt").asText());
    }

    /**
     * Today's challenges are today's quests, with the same status and percentage; each counted
     * today's activities up to its completion, and the boost XP (30 granted for 20 base) went to
     * exactly one quest, whose boost is redeemed.
     */
    private static void challengesAgreeWithTodaysQuests(JsonNode v2, JsonNode quests) {
        assertEquals(3, quests.get("quests").size());
        for (JsonNode q : quests.get("quests")) {
            JsonNode c = find(v2.get("challenges"), "challengeId", q.get("id").asText());
            assertEquals(q.get("status").asText(), c.get("status").asText());
            assertEquals(q.get("progress_percentage").asInt(), c.get("successRate").asInt());
            assertEquals(q.get("title").asText(), c.get("challengeName").asText());
            assertEquals(at(TODAY, 9, 0).toString(), c.get("startedAt").asText(), "the first activity of the day");
            assertEquals(c.get("attemptsCount"), c.get("actionsCompleted"));
            if (q.get("status").asText().equals("completed")) {
                assertTrue(c.get("attemptsCount").asInt() >= 1 && c.get("attemptsCount").asInt() <= 2, c.toString());
                assertEquals(c.get("completedAt").asText(), find(v2.get("rewardAssets"), "id", c.get("challengeId").asText())
                        .get("acquiredAt").asText());
            } else {
                assertEquals(2, c.get("attemptsCount").asInt());
                assertEquals(at(TODAY, 9, 12).toString(), c.get("lastAttemptAt").asText());
            }
        }
        long boostXp = StreamSupport.stream(v2.get("challenges").spliterator(), false).mapToLong(c -> c.get("xpEarned").asLong()).sum();
        assertEquals(10, boostXp);
        List<JsonNode> redeemed = StreamSupport.stream(v2.get("rewardAssets").spliterator(), false)
                .filter(a -> a.get("status").asText().equals("redeemed")).toList();
        assertEquals(1, redeemed.size());
        assertEquals(at(TODAY, 9, 20).toString(), redeemed.get(0).get("redeemedAt").asText());
        assertEquals("1.5", redeemed.get(0).get("rewardName").asText().split("×")[0]);
        // the clock says 20:00: every boost of the morning is over
        assertEquals(0, count(v2.get("rewardAssets"), a -> a.get("type").asText().equals("xp_boost") && !a.get("expired").asBoolean()));
    }

    private static JsonNode find(JsonNode list, String key, String value) {
        return StreamSupport.stream(list.spliterator(), false).filter(n -> n.get(key).asText().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + list));
    }

    private static long count(JsonNode list, java.util.function.Predicate<JsonNode> test) {
        return StreamSupport.stream(list.spliterator(), false).filter(test).count();
    }

    @Test
    void theOpenApiDocumentShowsV2WithTheDocumentsExampleAndV1AsDeprecated() throws Exception {
        JsonNode paths = MAPPER.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString()).get("paths");
        JsonNode v2 = paths.get(V2).get("get");
        assertEquals(DOCUMENT, v2.at("/responses/200/content/application~1json/examples/document/value"));
        assertEquals(Set.of("userId", "email", "username"),
                Set.copyOf(StreamSupport.stream(v2.get("parameters").spliterator(), false).map(p -> p.get("name").asText()).toList()));
        assertTrue(v2.get("security").toString().contains("apiToken"), v2.get("security").toString());
        assertTrue(paths.get("/api/v1/analytics/users/{user_id}/details").get("get").get("deprecated").asBoolean());
    }

    @Test
    void theUserIsChosenByExactlyOneOfIdEmailAndUsernameAndOnlyTheUserAndTheirAdminsMayLook() {
        Learners learners = new Learners(db);
        String user = learners.create("lookup", "UTC");
        String admin = TestSupport.token("platform-ops", "admin");
        String username = given().auth().oauth2(admin).queryParam("userId", user).get(V2).then().statusCode(200)
                .body("userId", equalTo(user)).extract().path("username");
        given().auth().oauth2(admin).queryParam("username", username.toUpperCase()).get(V2).then().statusCode(200).body("userId", equalTo(user));
        given().auth().oauth2(admin).queryParam("email", user.toUpperCase() + "@EXAMPLE.COM").get(V2).then().statusCode(200)
                .body("userId", equalTo(user));
        // the same API key under either header; a bearer token too
        String key = TestSupport.publishApiKey(user, Set.of(), false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("x-api-token", key).queryParam("userId", user).get(V2).then().statusCode(200));
        given().header("X-API-Key", key).queryParam("username", username).get(V2).then().statusCode(200).body("userId", equalTo(user));
        given().auth().oauth2(TestSupport.token(user)).queryParam("userId", user).get(V2).then().statusCode(200);

        // 404 only for those who may look; anyone else learns nothing, whether or not the user exists
        given().auth().oauth2(admin).queryParam("userId", "nobody-" + UUID.randomUUID()).get(V2).then().statusCode(404)
                .body("detail", equalTo("No such user"));
        given().auth().oauth2(admin).queryParam("username", "nobody-" + UUID.randomUUID()).get(V2).then().statusCode(404);
        String outsider = TestSupport.token("outsider-" + UUID.randomUUID());
        given().auth().oauth2(outsider).queryParam("userId", user).get(V2).then().statusCode(403);
        given().auth().oauth2(outsider).queryParam("userId", "nobody-" + UUID.randomUUID()).get(V2).then().statusCode(403);
        given().auth().oauth2(outsider).queryParam("username", username).get(V2).then().statusCode(403);
        given().auth().oauth2(outsider).queryParam("username", "nobody-" + UUID.randomUUID()).get(V2).then().statusCode(403);
        // an owner of the user's organization may look, an owner of another may not
        UUID org = UUID.randomUUID();
        String owner = "owner-" + UUID.randomUUID();
        TestSupport.send(Topics.ORG_MEMBERSHIP, OrgMembershipChanged.key(org, user),
                new OrgMembershipChanged(UUID.randomUUID(), Instant.now(), org, user, "member", null, Instant.now()));
        TestSupport.send(Topics.ORG_MEMBERSHIP, OrgMembershipChanged.key(org, owner),
                new OrgMembershipChanged(UUID.randomUUID(), Instant.now(), org, owner, "owner", null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestSupport.token(owner)).queryParam("email", user + "@example.com").get(V2).then().statusCode(200));

        // exactly one way of naming the user
        given().auth().oauth2(admin).get(V2).then().statusCode(422).body("detail", equalTo("userId, email, username: give exactly one of them"));
        given().auth().oauth2(admin).queryParam("userId", user).queryParam("username", username).get(V2).then().statusCode(422);
        given().auth().oauth2(admin).queryParam("userId", "").queryParam("email", user + "@example.com").get(V2).then().statusCode(200)
                .body("userId", equalTo(user)); // an empty parameter is not given
        given().auth().oauth2(admin).queryParam("userId", " ").get(V2).then().statusCode(422);
        // credentials
        given().queryParam("userId", user).get(V2).then().statusCode(401);
        given().header("x-api-token", "xt_0123456789abcdef_not-the-secret").queryParam("userId", user).get(V2).then().statusCode(401);
    }
}
