package com.xentree.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.system.RunningSystem.Service;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what: every kind of endpoint against every kind of caller, each cell's expected
 * status stated in the table. Organization A is administered by orgAdmin, with orgMember in it;
 * organization B by otherAdmin, with otherLearner in it; learner belongs to none.
 */
@ExtendWith(SystemExtension.class)
class AccessMatrixIT {

    enum Caller { NONE, EXPIRED, WRONG_KEY, ALG_NONE, LEARNER, OTHER_ORG_LEARNER, ORG_MEMBER, ORG_ADMIN, OTHER_ORG_ADMIN, PLATFORM_ADMIN,
        KEY_EVENTS_WRITE, KEY_NO_SCOPE, KEY_REVOKED, KEY_USERS_WRITE }

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final Map<Caller, String> USERS = Map.of(Caller.LEARNER, "am-learner-" + RUN, Caller.OTHER_ORG_LEARNER, "am-other-learner-" + RUN,
            Caller.ORG_MEMBER, "am-member-" + RUN, Caller.ORG_ADMIN, "am-org-admin-" + RUN, Caller.OTHER_ORG_ADMIN, "am-other-admin-" + RUN,
            Caller.PLATFORM_ADMIN, "am-platform-" + RUN);

    final Map<Caller, String> keys = new LinkedHashMap<>();

    private RequestSpecification as(Caller c) {
        RequestSpecification r = given().contentType(ContentType.JSON);
        return switch (c) {
            case NONE -> r;
            case EXPIRED -> r.auth().oauth2(Tokens.expired(USERS.get(Caller.LEARNER)));
            case WRONG_KEY -> r.auth().oauth2(Tokens.wronglySigned(USERS.get(Caller.LEARNER)));
            case ALG_NONE -> r.auth().oauth2(Tokens.unsigned(USERS.get(Caller.PLATFORM_ADMIN)));
            case PLATFORM_ADMIN -> r.auth().oauth2(Tokens.token(USERS.get(c), "admin"));
            case KEY_EVENTS_WRITE, KEY_NO_SCOPE, KEY_REVOKED, KEY_USERS_WRITE -> r.header("X-API-Key", keys.get(c));
            default -> r.auth().oauth2(Tokens.token(USERS.get(c)));
        };
    }

    private String orgAs(Caller owner, String name) {
        return as(owner).body(Map.of("name", name)).post(Service.ADMIN_STATS.url() + "/api/v1/organizations").then().statusCode(201)
                .extract().path("id");
    }

    private String key(Caller owner, List<String> scopes) {
        return as(owner).body(Map.of("name", "matrix", "scopes", scopes)).post(Service.PROFILE.url() + "/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");
    }

    @Test
    void everyCallerGetsExactlyTheAccessTheTableSays() {
        // organizations and memberships
        String orgA = orgAs(Caller.ORG_ADMIN, "Matrix A " + RUN);
        String orgB = orgAs(Caller.OTHER_ORG_ADMIN, "Matrix B " + RUN);
        as(Caller.ORG_ADMIN).body(Map.of("user_id", USERS.get(Caller.ORG_MEMBER))).post(Service.ADMIN_STATS.url() + "/api/v1/organizations/" + orgA + "/members")
                .then().statusCode(201);
        as(Caller.OTHER_ORG_ADMIN).body(Map.of("user_id", USERS.get(Caller.OTHER_ORG_LEARNER)))
                .post(Service.ADMIN_STATS.url() + "/api/v1/organizations/" + orgB + "/members").then().statusCode(201);
        // API keys: issued through profile-service; one revoked again
        keys.put(Caller.KEY_EVENTS_WRITE, key(Caller.PLATFORM_ADMIN, List.of("events:write")));
        keys.put(Caller.KEY_NO_SCOPE, key(Caller.LEARNER, List.of()));
        keys.put(Caller.KEY_USERS_WRITE, key(Caller.PLATFORM_ADMIN, List.of("users:write")));
        String revoked = as(Caller.LEARNER).body(Map.of("name", "revoked")).post(Service.PROFILE.url() + "/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");
        as(Caller.LEARNER).delete(Service.PROFILE.url() + "/api/v1/api-keys/" + revoked.split("_")[1]).then().statusCode(204);
        keys.put(Caller.KEY_REVOKED, revoked);
        String member = USERS.get(Caller.ORG_MEMBER);
        String details = Service.ANALYTICS.url() + "/api/v1/analytics/users/" + member + "/details";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            as(Caller.KEY_NO_SCOPE).get(Service.ANALYTICS.url() + "/api/xp/streak").then().statusCode(200);
            as(Caller.KEY_USERS_WRITE).get(Service.PROFILE.url() + "/api/v1/users/me").then().statusCode(200);
            as(Caller.KEY_REVOKED).get(Service.ANALYTICS.url() + "/api/xp/streak").then().statusCode(401);
            as(Caller.ORG_ADMIN).get(details).then().statusCode(200); // the membership reached analytics
        });

        // the kinds of endpoint: method, URL, body, and the expected status per caller
        record Row(String method, String url, Object body, Map<Caller, Integer> expected) {
        }
        Map<Caller, Integer> ownData = statuses(401, 401, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200);
        Map<Caller, Integer> platformAdmin = statuses(401, 401, 401, 401, 403, 403, 403, 403, 403, 200, 403, 403, 401, 403);
        Map<Caller, Integer> orgAdmins = statuses(401, 401, 401, 401, 403, 403, 403, 200, 403, 200, 403, 403, 401, 403);
        Map<Caller, Integer> orgMembers = statuses(401, 401, 401, 401, 403, 403, 200, 200, 403, 200, 403, 403, 401, 403);
        Map<Caller, Integer> memberDetails = statuses(401, 401, 401, 401, 403, 403, 200, 200, 403, 200, 403, 403, 401, 403);
        Map<Caller, Integer> ingest = statuses(401, 401, 401, 401, 403, 403, 403, 403, 403, 403, 422, 403, 401, 403);
        Map<Caller, Integer> userUpsert = statuses(401, 401, 401, 401, 403, 403, 403, 403, 403, 201, 403, 403, 401, 201);
        String p = Service.PROFILE.url();
        String a = Service.ANALYTICS.url();
        String s = Service.ADMIN_STATS.url();
        List<Row> table = new ArrayList<>();
        table.add(new Row("GET", p + "/api/xp/public-profile/nobody-" + RUN, null, statuses(404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)));
        for (String own : List.of(p + "/api/xp/profile", p + "/api/xp/history", p + "/api/v1/users/me", p + "/api/v1/api-keys",
                a + "/api/xp/streak", a + "/api/xp/weekly-activity", a + "/api/xp/learning-pulse", a + "/api/xp/quests",
                a + "/api/xp/learning-time", a + "/api/xp/achievements", a + "/api/xp/leaderboard", s + "/api/v1/organizations",
                // the data export and each service's part of it: always the caller's own data
                p + "/api/v1/users/me/export", a + "/api/v1/analytics/users/me/export", s + "/api/v1/organizations/me/export")) {
            table.add(new Row("GET", own, null, ownData));
        }
        table.add(new Row("POST", p + "/api/v1/admin/xp/rebuild", null, platformAdmin));
        table.add(new Row("POST", p + "/api/v1/users", Map.of("user_id", "am-made-" + RUN, "username", "am_made_" + RUN), userUpsert));
        table.add(new Row("POST", a + "/api/v1/events", Map.of("events", List.of()), ingest));
        table.add(new Row("GET", details, null, memberDetails));
        table.add(new Row("GET", s + "/api/v1/organizations/" + orgA, null, orgMembers));
        for (String admin : List.of("/api/v1/organizations/" + orgA + "/members", "/api/v1/admin/stats/?organization_id=" + orgA,
                "/api/v1/admin/stats/members/" + member + "?organization_id=" + orgA, "/api/v1/admin/stats/progress/kpis?organization_id=" + orgA,
                "/api/v1/admin/stats/progress/members?organization_id=" + orgA, "/api/v1/admin/stats/progress/objectives?organization_id=" + orgA,
                "/api/v1/admin/stats/impact/kpis?organization_id=" + orgA, "/api/v1/admin/stats/impact/top-performers?organization_id=" + orgA,
                "/api/v1/admin/stats/impact/targets?organization_id=" + orgA, "/api/v1/admin/stats/impact/lvi-weights?organization_id=" + orgA)) {
            table.add(new Row("GET", s + admin, null, orgAdmins));
        }
        table.add(new Row("GET", a + "/api/xp/leaderboard?organization_id=" + orgA, null, orgMembers));
        // erasing someone: each caller aims at a user of their own ({caller}), so one erasure does not answer for the next;
        // erasing yourself (DELETE /api/v1/users/me) would end the callers of this table: ErasureIT covers it
        table.add(new Row("DELETE", p + "/api/v1/users/am-erase-{caller}-" + RUN, null,
                statuses(401, 401, 401, 401, 403, 403, 403, 403, 403, 204, 403, 403, 401, 204)));
        // every row states an expectation for every caller
        for (Row row : table) {
            assertEquals(Caller.values().length, row.expected().size(), row.method() + " " + row.url());
        }

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Row row : table) {
            for (Caller c : Caller.values()) {
                RequestSpecification r = as(c);
                if (row.body() != null) {
                    r = r.body(row.body());
                }
                int status = r.request(row.method(), row.url().replace("{caller}", c.name().toLowerCase())).statusCode();
                cells++;
                int expected = row.expected().get(c);
                // an upsert answers 200 once the user exists
                if (status != expected && !(expected == 201 && status == 200)) {
                    wrong.add(row.method() + " " + row.url().replaceFirst("http://127.0.0.1:\\d+", "") + " as " + c + ": " + status + ", expected " + expected);
                }
            }
        }
        System.out.println("access matrix: " + table.size() + " endpoints x " + Caller.values().length + " callers = " + cells + " cells");
        assertEquals(List.of(), wrong);
    }

    /** Expected statuses in the order of {@link Caller}. */
    private static Map<Caller, Integer> statuses(int... codes) {
        Map<Caller, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < codes.length; i++) {
            m.put(Caller.values()[i], codes[i]);
        }
        return m;
    }
}
