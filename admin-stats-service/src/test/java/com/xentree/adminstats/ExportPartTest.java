package com.xentree.adminstats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.xentree.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** admin-stats' part of the data export: the caller's own rows, for callers only, and documented. */
@QuarkusTest
class ExportPartTest {

    @Test
    void theCallerGetsTheirOwnMembershipsAndNobodyElsesAnAnonymousCallerNothing() {
        given().get("/api/v1/organizations/me/export").then().statusCode(401);
        String owner = "export-" + UUID.randomUUID();
        String org = OrganizationResourceTest.createOrg(TestSupport.token(owner), "Export Org " + UUID.randomUUID().toString().substring(0, 6));
        given().auth().oauth2(TestSupport.token(owner)).get("/api/v1/organizations/me/export").then().statusCode(200)
                .body("user_id", equalTo(owner))
                .body("memberships.organization_id", equalTo(List.of(org)))
                .body("memberships.role", equalTo(List.of("owner")))
                .body("objectives_created", hasSize(0));
        String stranger = "stranger-" + UUID.randomUUID();
        given().auth().oauth2(TestSupport.token(stranger)).get("/api/v1/organizations/me/export").then().statusCode(200)
                .body("user_id", equalTo(stranger)).body("memberships", hasSize(0));
    }

    @Test
    void theOpenApiDocumentShowsThePartUnderDataExport() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/organizations/me/export'.get.tags", hasItem("Data export"))
                .body("paths.'/api/v1/organizations/me/export'.get.summary", equalTo("Export what this service holds about me"))
                .body("tags.find { it.name == 'Data export' }.description", containsString("memberships"));
    }
}
