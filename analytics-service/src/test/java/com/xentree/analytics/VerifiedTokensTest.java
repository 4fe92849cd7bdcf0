package com.xentree.analytics;

import static io.restassured.RestAssured.given;

import com.xentree.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens are verified once and then remembered (foundation {@code security/VerifiedTokens}):
 * what was never verified is still refused, a token another key signed, one whose claims were changed
 * after signing, an expired one, even right after the genuine token of the same user was accepted.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Test
    void aRememberedTokenDoesNotLetForgedTamperedOrExpiredOnesIn() {
        String user = "tokens-" + UUID.randomUUID();
        String token = TestSupport.token(user);
        given().auth().oauth2(token).get("/api/xp/streak").then().statusCode(200);
        given().auth().oauth2(token).get("/api/xp/streak").then().statusCode(200); // remembered

        String forged = TestSupport.tokenSignedWith("test-keys/other-private.pem", user, Set.of(), null);
        given().auth().oauth2(forged).get("/api/xp/streak").then().statusCode(401);

        String[] parts = token.split("\\.");
        String otherClaims = TestSupport.token("intruder-" + UUID.randomUUID()).split("\\.")[1];
        given().auth().oauth2(parts[0] + "." + otherClaims + "." + parts[2]).get("/api/xp/streak").then().statusCode(401);

        String expired = Jwt.issuer("https://auth.xentree.local").subject(user).upn(user).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).jws().keyId("test").sign("test-keys/private.pem");
        given().auth().oauth2(expired).get("/api/xp/streak").then().statusCode(401);
        given().auth().oauth2(token).get("/api/xp/streak").then().statusCode(200);
    }
}
