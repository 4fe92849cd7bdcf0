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

import com.xentree.events.OrgMembershipChanged;
import com.xentree.events.Topics;
import com.xentree.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganizationResourceTest {

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
}
