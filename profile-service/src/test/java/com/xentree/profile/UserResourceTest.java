package com.xentree.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.events.Topics;
import com.xentree.events.UserProfileChanged;
import com.xentree.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theFirstAuthenticatedRequestCreatesTheUserFromTheTokenAndAnnouncesIt() throws Exception {
        String id = "sub-" + UUID.randomUUID();
        String username = "Ana_" + unique();
        String token = TestSupport.tokenWithClaims(id, username, "Ana Braga", "ana@example.com", "Europe/Lisbon");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(200)
                    .body("id", equalTo(id)).body("username", equalTo(username)).body("full_name", equalTo("Ana Braga"))
                    .body("email", equalTo("ana@example.com")).body("time_zone", equalTo("Europe/Lisbon"))
                    .body("public_profile", equalTo(true)).body("created_at", notNullValue());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.readAll(Topics.USER_PROFILE, id).size() == 1);
        UserProfileChanged announced = TestSupport.JSON.readValue(TestSupport.readAll(Topics.USER_PROFILE, id).get(0).value(),
                UserProfileChanged.class);
        assertEquals(List.of(username, "Ana Braga", "ana@example.com", "Europe/Lisbon"),
                List.of(announced.username(), announced.fullName(), announced.email(), announced.timeZone()));
    }

    @Test
    void aTakenOrInvalidPreferredUsernameGetsADerivedOneAndAnUnknownZoneFallsBackToUtc() {
        String name = "taken_" + unique();
        given().auth().oauth2(TestSupport.tokenWithClaims("first-" + UUID.randomUUID(), name, null, null, null))
                .get("/api/v1/users/me").then().statusCode(200).body("username", equalTo(name));
        // the same name in other case is the same username: the second user gets a derived one
        given().auth().oauth2(TestSupport.tokenWithClaims("second-" + UUID.randomUUID(), name.toUpperCase(), null, "x@y.z", "Mars/Olympus"))
                .get("/api/v1/users/me").then().statusCode(200)
                .body("username", matchesPattern(name.toLowerCase() + "-[0-9a-f]{6}")).body("time_zone", equalTo("UTC"));
        given().auth().oauth2(TestSupport.tokenWithClaims("third-" + UUID.randomUUID(), "no spaces allowed!", null, null, null))
                .get("/api/v1/users/me").then().statusCode(200).body("username", matchesPattern("no-spaces-allowed-[0-9a-f]{6}"));
    }

    @Test
    void aUserEditsTheirNameAvatarZoneAndVisibility() {
        String id = "edit-" + UUID.randomUUID();
        String token = TestSupport.token(id);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("full_name", "  Bo Chen ", "profile_picture_url", "https://cdn.example.com/bo.png",
                        "time_zone", "Asia/Tokyo", "public_profile", false))
                .patch("/api/v1/users/me").then().statusCode(200)
                .body("full_name", equalTo("Bo Chen")).body("profile_picture_url", equalTo("https://cdn.example.com/bo.png"))
                .body("time_zone", equalTo("Asia/Tokyo")).body("public_profile", equalTo(false));
        // omitted fields stay; an empty URL removes the picture
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("profile_picture_url", ""))
                .patch("/api/v1/users/me").then().statusCode(200)
                .body("profile_picture_url", nullValue()).body("full_name", equalTo("Bo Chen")).body("time_zone", equalTo("Asia/Tokyo"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(3, TestSupport.readAll(Topics.USER_PROFILE, id).size()));
    }

    @Test
    void badEditsAreRefusedWithAReasonAndChangeNothing() {
        String id = "bad-" + UUID.randomUUID();
        String token = TestSupport.token(id);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("time_zone", "GMT+2"))
                .patch("/api/v1/users/me").then().statusCode(422).body("detail", containsString("time_zone"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("profile_picture_url", "javascript:alert(1)"))
                .patch("/api/v1/users/me").then().statusCode(422).body("detail", containsString("profile_picture_url"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("full_name", "x".repeat(101)))
                .patch("/api/v1/users/me").then().statusCode(422).body("detail", containsString("full_name"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"public_profile\": \"maybe\"}")
                .patch("/api/v1/users/me").then().statusCode(400).body("detail", containsString("public_profile"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"full_name\": ")
                .patch("/api/v1/users/me").then().statusCode(400).body("detail", equalTo("Malformed JSON body"));
        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(200)
                .body("time_zone", equalTo("UTC")).body("profile_picture_url", nullValue()).body("full_name", nullValue());
        given().get("/api/v1/users/me").then().statusCode(401).body("detail", containsString("Not authenticated"));
    }

    @Test
    void platformAdminsAndUsersWriteKeysUpsertUsers() {
        String id = "upsert-" + UUID.randomUUID();
        String username = "Carla_" + unique();
        String admin = TestSupport.token("platform-admin", "admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("user_id", id, "username", username, "full_name", "Carla Diaz", "email", "carla@example.com",
                        "time_zone", "America/Mexico_City"))
                .post("/api/v1/users").then().statusCode(201).body("id", equalTo(id)).body("username", equalTo(username))
                .body("time_zone", equalTo("America/Mexico_City"));
        // an update keeps what it does not mention
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("user_id", id, "username", username, "full_name", "Carla D."))
                .post("/api/v1/users").then().statusCode(200).body("full_name", equalTo("Carla D."))
                .body("email", equalTo("carla@example.com")).body("time_zone", equalTo("America/Mexico_City"));
        // the user signs in later and finds their profile
        given().auth().oauth2(TestSupport.token(id)).get("/api/v1/users/me").then().statusCode(200).body("full_name", equalTo("Carla D."));

        String key = TestSupport.publishApiKey("identity-sync", Set.of("users:write"), false);
        String other = "other-" + unique();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("user_id", "sync-" + other, "username", other)).post("/api/v1/users").then().statusCode(201));
        // usernames are unique regardless of case
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("user_id", "thief-" + other, "username", username.toLowerCase()))
                .post("/api/v1/users").then().statusCode(409).body("detail", containsString("taken"));
    }

    @Test
    void onlyPlatformAdminsAndUsersWriteKeysMayUpsertAndBadBodiesAre422() {
        String admin = TestSupport.token("platform-admin", "admin");
        given().auth().oauth2(TestSupport.token("learner-" + unique())).contentType(ContentType.JSON)
                .body(Map.of("user_id", "x-" + unique(), "username", "x" + unique())).post("/api/v1/users")
                .then().statusCode(403).body("detail", equalTo("Not allowed to do this"));
        given().contentType(ContentType.JSON).body(Map.of("user_id", "x", "username", "xyz")).post("/api/v1/users").then().statusCode(401);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("user_id", "x-" + unique(), "username", "a b"))
                .post("/api/v1/users").then().statusCode(422).body("detail", containsString("username"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("username", "valid_" + unique()))
                .post("/api/v1/users").then().statusCode(422).body("detail", containsString("user_id"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("user_id", "x-" + unique(), "username", "valid_" + unique(), "time_zone", "Nowhere/City"))
                .post("/api/v1/users").then().statusCode(422).body("detail", containsString("time_zone"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("user_id", "x-" + unique(), "username", "valid_" + unique(), "email", "not-an-email"))
                .post("/api/v1/users").then().statusCode(422).body("detail", containsString("email"));
    }
}
