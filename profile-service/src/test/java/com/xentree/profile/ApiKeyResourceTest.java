package com.xentree.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.xentree.events.ApiKeyChanged;
import com.xentree.events.ApiKeys;
import com.xentree.events.Topics;
import com.xentree.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyResourceTest {

    @Test
    void aKeyIsShownOnceWorksWithinSecondsAndStopsWorkingWhenDeleted() throws Exception {
        String user = "keys-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        JsonPath created = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "my laptop"))
                .post("/api/v1/api-keys").then().statusCode(201)
                .body("key", matchesPattern("xt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")).body("name", equalTo("my laptop"))
                .body("scopes", hasSize(0)).extract().jsonPath();
        String id = created.getString("id");
        String key = created.getString("key");
        assertEquals("xt_" + id, created.getString("prefix"));
        assertTrue(key.startsWith(created.getString("prefix") + "_"));

        // listed without the secret
        given().auth().oauth2(token).get("/api/v1/api-keys").then().statusCode(200)
                .body("id", equalTo(List.of(id))).body("[0].key", nullValue()).body("[0].prefix", equalTo("xt_" + id));

        // published with the hash of the secret, never the secret
        await().atMost(Duration.ofSeconds(30)).until(() -> !TestSupport.readAll(Topics.API_KEYS, id).isEmpty());
        ConsumerRecord<String, byte[]> record = TestSupport.readAll(Topics.API_KEYS, id).get(0);
        ApiKeyChanged published = TestSupport.JSON.readValue(record.value(), ApiKeyChanged.class);
        String secret = key.substring(("xt_" + id + "_").length());
        assertEquals(ApiKeys.sha256Hex(secret), published.secretSha256());
        assertEquals(user, published.ownerUserId());
        assertFalse(new String(record.value(), StandardCharsets.UTF_8).contains(secret));

        // the key acts as its owner
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", key).get("/api/v1/users/me")
                .then().statusCode(200).body("id", equalTo(user)));
        given().header("X-API-Key", key).get("/api/xp/profile").then().statusCode(200).body("level", equalTo(1));

        given().auth().oauth2(token).delete("/api/v1/api-keys/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", key).get("/api/xp/profile")
                .then().statusCode(401).body("detail", containsString("Not authenticated")));
        given().auth().oauth2(token).get("/api/v1/api-keys").then().body("$", hasSize(0));
        given().auth().oauth2(token).delete("/api/v1/api-keys/" + id).then().statusCode(404);
    }

    @Test
    void nobodyDeletesSomeoneElsesKey() {
        String owner = TestSupport.token("owner-" + UUID.randomUUID());
        String id = given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestSupport.token("intruder-" + UUID.randomUUID())).delete("/api/v1/api-keys/" + id)
                .then().statusCode(404).body("detail", equalTo("API key not found"));
        given().auth().oauth2(owner).get("/api/v1/api-keys").then().body("id", equalTo(List.of(id)));
    }

    @Test
    void platformScopesAreForPlatformAdminsAndKeysCannotMintKeys() {
        String learner = TestSupport.token("learner-" + UUID.randomUUID());
        given().auth().oauth2(learner).contentType(ContentType.JSON).body(Map.of("name", "farm", "scopes", List.of("events:write")))
                .post("/api/v1/api-keys").then().statusCode(403).body("detail", containsString("platform admins"));
        given().auth().oauth2(learner).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("root")))
                .post("/api/v1/api-keys").then().statusCode(422).body("detail", containsString("unknown [root]"));
        given().auth().oauth2(learner).contentType(ContentType.JSON).body(Map.of("name", " "))
                .post("/api/v1/api-keys").then().statusCode(422).body("detail", containsString("name"));
        given().auth().oauth2(learner).contentType(ContentType.JSON).body("{\"name\": \"x\", \"scopes\": \"events:write\"}")
                .post("/api/v1/api-keys").then().statusCode(400).body("detail", containsString("scopes"));
        given().contentType(ContentType.JSON).body(Map.of("name", "anon")).post("/api/v1/api-keys").then().statusCode(401);

        String admin = TestSupport.token("admin-" + UUID.randomUUID(), "admin");
        String key = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "identity sync", "scopes", List.of("users:write", "events:write")))
                .post("/api/v1/api-keys").then().statusCode(201).body("scopes", equalTo(List.of("events:write", "users:write")))
                .extract().path("key");
        String username = "made_by_key_" + UUID.randomUUID().toString().substring(0, 6);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("user_id", "u-" + username, "username", username)).post("/api/v1/users").then().statusCode(201));
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("name", "child"))
                .post("/api/v1/api-keys").then().statusCode(403).body("detail", containsString("API keys cannot create API keys"));
        given().header("X-API-Key", key + "x").get("/api/v1/users/me").then().statusCode(401);
        given().header("X-API-Key", "not-a-key").get("/api/v1/users/me").then().statusCode(401).body("detail", not(containsString("Exception")));
    }

    @Test
    void aUserHoldsABoundedNumberOfKeys() {
        String token = TestSupport.token("many-" + UUID.randomUUID());
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "k" + i)).post("/api/v1/api-keys")
                    .then().statusCode(201);
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "one too many")).post("/api/v1/api-keys")
                .then().statusCode(409).body("detail", containsString("At most 20"));
        given().auth().oauth2(token).get("/api/v1/api-keys").then().body("$", hasSize(20));
    }
}
