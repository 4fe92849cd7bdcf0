package com.xentree.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.xentree.events.Topics;
import com.xentree.foundation.reads.ReadChanges;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class XpRebuildTest {

    @Inject
    AgroalDataSource db;
    @Inject
    ReadChanges readChanges;

    @Test
    void totalsLevelsAndCategoriesAreRebuiltFromTheLedger() throws Exception {
        String user = "rebuild-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        Instant at = Instant.now().minusSeconds(3600);
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, TestSupport.activity(user, at, "grammar", 250));
        TestSupport.send(Topics.LEARNING_ACTIVITY, user, TestSupport.activity(user, at.plusSeconds(1), "speaking", 100));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token).get("/api/xp/profile").then()
                .body("total_xp", equalTo(350)));

        // derived data goes wrong (a bad manual fix, a bug): the ledger still holds the truth
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update user_xp set total_xp = 5, level = 9 where user_id = '" + user + "'");
            s.executeUpdate("delete from xp_daily where user_id = '" + user + "' and category = 'speaking'");
        }
        readChanges.poll(); // a write from outside the service: seen once the change log is read (in the background: within 20 ms)
        given().auth().oauth2(token).get("/api/xp/profile").then().body("total_xp", equalTo(5));

        given().auth().oauth2(token).post("/api/v1/admin/xp/rebuild").then().statusCode(403);
        given().post("/api/v1/admin/xp/rebuild").then().statusCode(401);
        given().auth().oauth2(TestSupport.token("ops", "admin")).post("/api/v1/admin/xp/rebuild").then().statusCode(200)
                .body("corrected_users", greaterThanOrEqualTo(1)).body("users", greaterThanOrEqualTo(1));
        given().auth().oauth2(token).get("/api/xp/profile").then()
                .body("total_xp", equalTo(350)).body("level", equalTo(3)).body("current_level_xp", equalTo(50))
                .body("xp_by_category.grammar", equalTo(250)).body("xp_by_category.speaking", equalTo(100));
        // a second rebuild finds nothing to correct: consumers keep totals and ledger in step
        given().auth().oauth2(TestSupport.token("ops", "admin")).post("/api/v1/admin/xp/rebuild").then().statusCode(200)
                .body("corrected_users", equalTo(0));
        given().auth().oauth2(token).get("/api/xp/profile").then().body("total_xp", equalTo(350));
    }
}
