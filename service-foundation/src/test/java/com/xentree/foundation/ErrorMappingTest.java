package com.xentree.foundation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every refusal is JSON with a detail a caller can act on, and the right status. */
@QuarkusTest
class ErrorMappingTest {

    @Test
    void aRuleBrokenInAResourceKeepsItsStatusAndDetail() {
        given().get("/probe/" + UUID.randomUUID() + "?size=-1")
                .then().statusCode(422).contentType(ContentType.JSON).body("detail", equalTo("size: must not be negative"));
    }

    @Test
    void anUnknownPathIsAJson404() {
        given().get("/nowhere").then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Not found"));
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        given().contentType(ContentType.JSON).body("{\"display_name\": ").post("/probe")
                .then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void aBodyOfTheWrongTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"display_name\": \"a\", \"size\": \"ten\"}").post("/probe")
                .then().statusCode(400).contentType(ContentType.JSON).body("detail", equalTo("Invalid value for 'size': ten"));
    }

    @Test
    void aBodyBreakingItsConstraintsIs422NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"display_name\": \"\", \"size\": 3}").post("/probe")
                .then().statusCode(422).contentType(ContentType.JSON).body("detail", equalTo("Invalid request: display_name: must not be blank"));
    }

    @Test
    void aQueryParameterThatIsNotANumberIs400NamingIt() {
        given().get("/probe/" + UUID.randomUUID() + "?size=abc").then().statusCode(400).contentType(ContentType.JSON)
                .body("detail", equalTo("Invalid query parameter 'size': 'abc' is not a whole number between -2147483648 and 2147483647"));
        given().get("/probe/" + UUID.randomUUID() + "?size=100000000000000000000").then().statusCode(400)
                .body("detail", startsWith("Invalid query parameter 'size': '100000000000000000000'"));
    }

    @Test
    void aQueryDateThatIsNoDateIs400NamingIt() {
        given().get("/probe/" + UUID.randomUUID() + "?day=2026-02-30").then().statusCode(400).contentType(ContentType.JSON)
                .body("detail", equalTo("Invalid query parameter 'day': '2026-02-30' is not a date as YYYY-MM-DD"));
    }

    @Test
    void aPathParameterThatIsNoUuidIs400NamingIt() {
        given().get("/probe/not-a-uuid").then().statusCode(400).contentType(ContentType.JSON)
                .body("detail", equalTo("Invalid path parameter 'id': 'not-a-uuid' is not a UUID"));
    }

    @Test
    void aHeaderThatIsNotANumberIs400NamingIt() {
        given().header("X-Limit", "ten").get("/probe/" + UUID.randomUUID()).then().statusCode(400).contentType(ContentType.JSON)
                .body("detail", equalTo("Invalid header parameter 'X-Limit': 'ten' is not a whole number between "
                        + Long.MIN_VALUE + " and " + Long.MAX_VALUE));
    }

    @Test
    void aValidRequestPasses() {
        UUID id = UUID.randomUUID();
        given().header("X-Limit", "7").get("/probe/" + id + "?size=3&day=2026-11-30")
                .then().statusCode(200).body(equalTo(id + " 3 2026-11-30 7"));
    }
}
