package org.armstrace.curation;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.Role;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An admin manages the team's tokens: the secret is shown once, never listed, and a revoked token fails at once. */
@QuarkusTest
class TokenApiTest {

    @Inject
    Tokens tokens;

    @Inject
    EntityManager em;

    private String admin;

    @BeforeEach
    void token() {
        admin = tokens.secret(Role.ADMIN);
    }

    private RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    @Test
    void anAdminCreatesListsAndRevokesATokenThatThenStopsWorking() {
        Response created = as(admin)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"research desk 1\", \"role\": \"editor\"}")
                .when()
                .post("/v1/curation/tokens")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("name", equalTo("research desk 1"))
                .body("role", equalTo("editor"))
                .body("secret", startsWith("at_"))
                .body("created_at", notNullValue())
                .body("revoked_at", nullValue())
                .extract()
                .response();
        long id = created.jsonPath().getLong("id");
        String secret = created.path("secret");
        assertEquals(
                "/v1/curation/tokens/" + id,
                java.net.URI.create(created.header("Location")).getPath());

        // the new token works, with its role
        as(secret)
                .when()
                .get("/v1/curation/cases/AT-000035")
                .then()
                .statusCode(200)
                .body("id", equalTo("AT-000035"));

        // listed without its secret
        String list = as(admin)
                .when()
                .get("/v1/curation/tokens")
                .then()
                .statusCode(200)
                .body("items.find { it.id == " + id + " }.name", equalTo("research desk 1"))
                .body("items.find { it.id == " + id + " }.role", equalTo("editor"))
                .body("items.find { it.id == " + id + " }.revoked_at", nullValue())
                .body("items.find { it.id == " + id + " }", not(org.hamcrest.Matchers.hasKey("secret")))
                .extract()
                .asString();
        assertFalse(list.contains(secret), "a listing never shows a secret");
        assertFalse(list.contains("\"secret\""), "a listing has no secret field");

        as(admin)
                .when()
                .delete("/v1/curation/tokens/" + id)
                .then()
                .statusCode(204)
                .body(emptyString());

        assertProblem(as(secret).when().get("/v1/curation/cases/AT-000035").then(), 401, "unauthorized")
                .header("WWW-Authenticate", startsWith("Bearer"));
        as(admin)
                .when()
                .get("/v1/curation/tokens")
                .then()
                .statusCode(200)
                .body("items.find { it.id == " + id + " }.revoked_at", notNullValue());
        // revoking again changes nothing and says so the same way
        as(admin).when().delete("/v1/curation/tokens/" + id).then().statusCode(204);
    }

    @Test
    void aTokenRequestThatBreaksTheContractIsRefusedNamingEachField() {
        long before = count();
        assertProblem(
                        as(admin)
                                .contentType(ContentType.JSON)
                                .body("{\"name\": \"\", \"role\": \"boss\", \"owner\": \"A Person\"}")
                                .when()
                                .post("/v1/curation/tokens")
                                .then(),
                        400,
                        "invalid-body")
                .body("errors.name", hasItem("name"))
                .body("errors.findAll { it.name == 'role' }.rule", hasItem("enum"))
                .body("errors.findAll { it.name == 'owner' }.rule", hasItem("unknown_field"));
        assertProblemNames(
                as(admin)
                        .contentType(ContentType.JSON)
                        .body("{\"name\": \"desk\"}")
                        .when()
                        .post("/v1/curation/tokens")
                        .then(),
                400,
                "invalid-body",
                "role",
                "required");
        assertProblem(
                as(admin)
                        .contentType(ContentType.JSON)
                        .body("{\"name\": ")
                        .when()
                        .post("/v1/curation/tokens")
                        .then(),
                400,
                "malformed-request");
        assertEquals(before, count(), "no token was created");
    }

    @Test
    void aTokenIdThatIsNotANumberIsABadRequestNotAMissingToken() {
        for (String id : List.of("abc", "0", "1.5", "99999999999999999999")) {
            assertProblemNames(
                    as(admin).when().delete("/v1/curation/tokens/" + id).then(), 400, "invalid-parameter", "id");
        }
    }

    @Test
    void theListHoldsEveryTokenRevokedOnesIncluded() {
        String revoked = tokens.revoked();
        List<Map<String, Object>> items = as(admin)
                .when()
                .get("/v1/curation/tokens")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertEquals(count(), items.size());
        assertFalse(items.stream().allMatch(t -> t.get("revoked_at") == null), "revoked tokens stay listed");
        assertFalse(items.stream().anyMatch(t -> t.containsKey("secret")));
        assertProblem(as(revoked).when().get("/v1/curation/tokens").then(), 401, "unauthorized");
    }

    private long count() {
        return ((Number) em.createNativeQuery("select count(*) from api_token").getSingleResult()).longValue();
    }
}
