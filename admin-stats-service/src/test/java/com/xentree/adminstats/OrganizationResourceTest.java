package com.xentree.adminstats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.xentree.events.LearningActivity;
import com.xentree.events.OrgMembershipChanged;
import com.xentree.events.Topics;
import com.xentree.events.UserProfileChanged;
import com.xentree.testing.TestClock;
import com.xentree.testing.TestDb;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganizationResourceTest {

    @Inject
    AgroalDataSource db;

    static String createOrg(String ownerToken, String name) {
        return given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/organizations").then().statusCode(201).extract().path("id");
    }

    @Test
    void anOrganizationIsCreatedByItsOwnerAndItsSlugIsUnique() {
        String owner = "owner-" + UUID.randomUUID();
        String token = TestSupport.token(owner);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "Acme Schools, Inc. " + suffix))
                .post("/api/v1/organizations").then().statusCode(201)
                .body("slug", equalTo("acme-schools-inc-" + suffix)).body("role", equalTo("owner")).body("member_count", equalTo(1))
                .extract().path("id");
        given().auth().oauth2(TestSupport.token("other-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("name", "Copycat", "slug", "acme-schools-inc-" + suffix)).post("/api/v1/organizations")
                .then().statusCode(409).body("detail", containsString("taken"));
        given().auth().oauth2(token).get("/api/v1/organizations").then().statusCode(200).body("id", equalTo(List.of(id)));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", "Language school"))
                .patch("/api/v1/organizations/" + id).then().statusCode(200).body("description", equalTo("Language school"))
                .body("name", equalTo("Acme Schools, Inc. " + suffix));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "", "slug", "Bad Slug"))
                .post("/api/v1/organizations").then().statusCode(422).body("detail", containsString("name"))
                .body("detail", containsString("slug"));
        // the owner joined, and it was announced
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.readAll(Topics.ORG_MEMBERSHIP, id + ":" + owner).size() == 1);
    }

    @Test
    void membersTeamsRolesAndTheLastOwnerRule() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String ownerToken = TestSupport.token(owner);
        String org = createOrg(ownerToken, "Team Org " + UUID.randomUUID().toString().substring(0, 6));
        String red = given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", "Red"))
                .post("/api/v1/organizations/" + org + "/teams").then().statusCode(201).body("name", equalTo("Red")).extract().path("id");
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", "red"))
                .post("/api/v1/organizations/" + org + "/teams").then().statusCode(409);

        String admin = "admin-" + UUID.randomUUID();
        String learner = "learner-" + UUID.randomUUID();
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("user_id", admin, "role", "admin"))
                .post("/api/v1/organizations/" + org + "/members").then().statusCode(201).body("role", equalTo("admin"));
        String adminToken = TestSupport.token(admin);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("user_id", learner, "team_id", red))
                .post("/api/v1/organizations/" + org + "/members").then().statusCode(201)
                .body("role", equalTo("member")).body("team_name", equalTo("Red")).body("joined_at", notNullValue());
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("user_id", learner))
                .post("/api/v1/organizations/" + org + "/members").then().statusCode(409);
        // admins cannot hand out ownership; members cannot manage members
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .patch("/api/v1/organizations/" + org + "/members/" + learner).then().statusCode(403);
        given().auth().oauth2(TestSupport.token(learner)).get("/api/v1/organizations/" + org + "/members").then().statusCode(403);
        given().auth().oauth2(TestSupport.token(learner)).get("/api/v1/organizations/" + org).then().statusCode(200)
                .body("role", equalTo("member"));
        given().auth().oauth2(ownerToken).get("/api/v1/organizations/" + org + "/members").then().statusCode(200)
                .body("user_id", hasItem(learner)).body("$", hasSize(3));

        // the only owner can neither step down nor leave
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("role", "member"))
                .patch("/api/v1/organizations/" + org + "/members/" + owner).then().statusCode(409).body("detail", containsString("owner"));
        given().auth().oauth2(ownerToken).delete("/api/v1/organizations/" + org + "/members/" + owner).then().statusCode(409);
        // after making the admin an owner, they can
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .patch("/api/v1/organizations/" + org + "/members/" + admin).then().statusCode(200).body("role", equalTo("owner"));
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("role", "member"))
                .patch("/api/v1/organizations/" + org + "/members/" + owner).then().statusCode(200).body("role", equalTo("member"));

        // the comprehensive update: no team any more, role admin
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"role\": \"admin\", \"team_id\": null}")
                .put("/api/v1/organizations/" + org + "/members/" + learner).then().statusCode(200)
                .body("role", equalTo("admin")).body("team_id", nullValue());
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("role", "boss"))
                .put("/api/v1/organizations/" + org + "/members/" + learner).then().statusCode(422);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("team_id", UUID.randomUUID().toString()))
                .put("/api/v1/organizations/" + org + "/members/" + learner).then().statusCode(422).body("detail", containsString("team_id"));

        // removal is announced as a tombstone, after the changes, in order
        given().auth().oauth2(adminToken).delete("/api/v1/organizations/" + org + "/members/" + learner).then().statusCode(204);
        String key = OrgMembershipChanged.key(UUID.fromString(org), learner);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> records = TestSupport.readAll(Topics.ORG_MEMBERSHIP, key);
            assertEquals(3, records.size());
            assertNull(records.get(2).value());
            assertEquals("admin", TestSupport.JSON.readValue(records.get(1).value(), OrgMembershipChanged.class).role());
        });
        given().auth().oauth2(adminToken).delete("/api/v1/organizations/" + org + "/members/" + learner).then().statusCode(404);
    }

    @Test
    void aMemberMovesBetweenOrganizationsTheCallerAdministers() {
        String owner = "owner-" + UUID.randomUUID();
        String token = TestSupport.token(owner);
        String from = createOrg(token, "From " + UUID.randomUUID().toString().substring(0, 6));
        String to = createOrg(token, "To " + UUID.randomUUID().toString().substring(0, 6));
        String foreign = createOrg(TestSupport.token("stranger-" + UUID.randomUUID()), "Foreign " + UUID.randomUUID().toString().substring(0, 6));
        String learner = "mover-" + UUID.randomUUID();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("user_id", learner))
                .post("/api/v1/organizations/" + from + "/members").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("organization_id", foreign))
                .put("/api/v1/organizations/" + from + "/members/" + learner).then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("organization_id", to, "role", "admin"))
                .put("/api/v1/organizations/" + from + "/members/" + learner).then().statusCode(200)
                .body("organization_id", equalTo(to)).body("role", equalTo("admin"));
        given().auth().oauth2(token).get("/api/v1/organizations/" + from + "/members").then().body("user_id", equalTo(List.of(owner)));
        given().auth().oauth2(TestSupport.token(learner)).get("/api/v1/organizations").then().body("id", equalTo(List.of(to)));
    }

    @Test
    void outsidersLearnNothingAndOnlyOwnersDelete() {
        String owner = "owner-" + UUID.randomUUID();
        String token = TestSupport.token(owner);
        String org = createOrg(token, "Private " + UUID.randomUUID().toString().substring(0, 6));
        String outsider = TestSupport.token("outsider-" + UUID.randomUUID());
        // an existing organization and a made-up one answer the same
        for (String id : List.of(org, UUID.randomUUID().toString())) {
            given().auth().oauth2(outsider).get("/api/v1/organizations/" + id).then().statusCode(403)
                    .body("detail", equalTo("Not allowed to do this"));
            given().auth().oauth2(outsider).get("/api/v1/organizations/" + id + "/members").then().statusCode(403)
                    .body("detail", equalTo("Not allowed to do this"));
        }
        given().auth().oauth2(TestSupport.token("ops", "admin")).get("/api/v1/organizations/" + UUID.randomUUID()).then().statusCode(404);
        String admin = "admin-" + UUID.randomUUID();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("user_id", admin, "role", "admin"))
                .post("/api/v1/organizations/" + org + "/members").then().statusCode(201);
        given().auth().oauth2(TestSupport.token(admin)).delete("/api/v1/organizations/" + org).then().statusCode(403);
        given().auth().oauth2(token).delete("/api/v1/organizations/" + org).then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/organizations/" + org).then().statusCode(403);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> records = TestSupport.readAll(Topics.ORG_MEMBERSHIP, org + ":" + admin);
            assertNull(records.get(records.size() - 1).value());
        });
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/v1/organizations").then().statusCode(401);
    }

    @Test
    void joinsAreBackDatedForImportsNeverBeforeThePlatformKnewTheUser() throws Exception {
        TestClock.set(Instant.parse("2026-07-01T10:00:00Z"));
        try {
            String owner = "owner-" + UUID.randomUUID();
            String ownerToken = TestSupport.token(owner);
            String org = createOrg(ownerToken, "Import " + UUID.randomUUID().toString().substring(0, 6));
            String members = "/api/v1/organizations/" + org + "/members";
            String platformAdmin = TestSupport.token("ops-" + UUID.randomUUID(), "admin");
            // known since its first activity on 10 Feb, though its account was made on 1 Mar; another known from its account only
            String learner = "imported-" + UUID.randomUUID();
            String newcomer = "newcomer-" + UUID.randomUUID();
            TestSupport.send(Topics.USER_PROFILE, learner, profile(learner, "2026-03-01T08:00:00Z"));
            TestSupport.send(Topics.LEARNING_ACTIVITY, learner, new LearningActivity(UUID.randomUUID(), learner,
                    Instant.parse("2026-02-10T10:00:00Z"), "UTC", "lesson", "english", "grammar", 600L, null, null));
            TestSupport.send(Topics.USER_PROFILE, newcomer, profile(newcomer, "2026-06-01T08:00:00Z"));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from member_day where user_id = ?", learner) == 1
                    && count("select count(created_at) from member_profile where user_id = ?", learner) == 1
                    && count("select count(created_at) from member_profile where user_id = ?", newcomer) == 1);

            // an organization's own owner keeps joins at today: dating them is a platform power
            addMember(ownerToken, members, learner, "2026-05-01T09:00:00Z").then().statusCode(403).body("detail", containsString("joined_at"));
            addMember(platformAdmin, members, learner, "2026-07-02T09:00:00Z").then().statusCode(422)
                    .body("detail", equalTo("joined_at: must not be in the future"));
            addMember(platformAdmin, members, learner, "1969-12-31T23:59:59Z").then().statusCode(422).body("detail", containsString("1970"));
            addMember(platformAdmin, members, learner, "2026-02-09T23:59:59Z").then().statusCode(422)
                    .body("detail", containsString("known on the platform (2026-02-10"));
            addMember(platformAdmin, members, learner, "1 Feb 2026").then().statusCode(400).body("detail", containsString("joined_at"));
            addMember(platformAdmin, members, newcomer, "2026-05-31T23:59:59Z").then().statusCode(422)
                    .body("detail", containsString("(2026-06-01"));

            addMember(platformAdmin, members, learner, "2026-02-10T00:00:00Z").then().statusCode(201)
                    .body("joined_at", equalTo("2026-02-10T00:00:00Z"));
            addMember(platformAdmin, members, newcomer, "2026-06-01T00:00:00Z").then().statusCode(201);
            // a users:write key and an orgs:write token (both the owner's) date joins of users the platform does not know yet
            String usersWrite = TestSupport.publishApiKey(owner, Set.of("users:write"), false);
            String unknown = "unknown-" + UUID.randomUUID();
            await().atMost(Duration.ofSeconds(30)).until(() -> given().header("X-API-Key", usersWrite).get(members).statusCode() == 200);
            given().header("X-API-Key", usersWrite).contentType(ContentType.JSON)
                    .body(Map.of("user_id", unknown, "joined_at", "2025-01-15T09:00:00Z")).post(members).then().statusCode(201)
                    .body("joined_at", equalTo("2025-01-15T09:00:00Z"));
            addMember(TestSupport.tokenWithScope(owner, "orgs:write"), members, "scoped-" + unknown, "2025-06-01T09:00:00Z").then()
                    .statusCode(201);
            given().auth().oauth2(ownerToken).get(members).then().statusCode(200)
                    .body("find { it.user_id == '" + learner + "' }.joined_at", equalTo("2026-02-10T00:00:00Z"));
            // the join date is announced as given
            String key = OrgMembershipChanged.key(UUID.fromString(org), learner);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(Instant.parse("2026-02-10T00:00:00Z"), TestSupport.JSON
                    .readValue(TestSupport.readAll(Topics.ORG_MEMBERSHIP, key).get(0).value(), OrgMembershipChanged.class).joinedAt()));
        } finally {
            TestClock.reset();
        }
    }

    private static io.restassured.response.Response addMember(String token, String members, String user, String joinedAt) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("user_id", user, "joined_at", joinedAt)).post(members);
    }

    private static UserProfileChanged profile(String user, String createdAt) {
        return new UserProfileChanged(UUID.randomUUID(), Instant.now(), user, null, null, null, null, "UTC", Instant.parse(createdAt), true);
    }

    private long count(String sql, String user) throws Exception {
        return TestDb.count(db, sql, user);
    }
}
