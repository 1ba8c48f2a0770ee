package org.armstrace.common;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.armstrace.testing.ContractOperations;
import org.junit.jupiter.api.Test;

/** A burst over a client's budget gets 429 with the headers; other clients are not affected. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBudget.class)
class RateLimitTest {

    /** Five requests a minute, and client addresses taken from X-Forwarded-For as behind a proxy. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "armstrace.rate-limit.anonymous-per-minute",
                    "5",
                    "quarkus.http.proxy.proxy-address-forwarding",
                    "true",
                    "quarkus.http.proxy.allow-x-forwarded",
                    "true");
        }
    }

    @Test
    void aBurstOverTheLimitGets429AndOtherClientsAreNotAffected() {
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", "203.0.113.7")
                    .when()
                    .get("/v1/cases?limit=1")
                    .then()
                    .statusCode(200)
                    .header("RateLimit-Policy", "\"address\";q=5;w=60")
                    .header("RateLimit", matchesPattern("\"address\";r=" + (4 - i) + ";t=\\d+"));
        }
        assertProblem(
                        given().header("X-Forwarded-For", "203.0.113.7")
                                .when()
                                .get("/v1/cases?limit=1")
                                .then(),
                        429,
                        "too-many-requests")
                .header("Retry-After", matchesPattern("\\d+"))
                .header("RateLimit", matchesPattern("\"address\";r=0;t=\\d+"));
        given().header("X-Forwarded-For", "198.51.100.9")
                .when()
                .get("/v1/cases?limit=1")
                .then()
                .statusCode(200)
                .header("RateLimit", notNullValue());
    }

    @Test
    void theExplorersPagesTakeFromTheSameBudget() {
        String client = "203.0.113.77";
        for (String page : List.of("/", "/map", "/cases?country=FR", "/cases/AT-000001")) {
            given().header("X-Forwarded-For", client).when().get(page).then().statusCode(200);
        }
        given().header("X-Forwarded-For", client)
                .when()
                .get("/v1/cases?limit=1")
                .then()
                .statusCode(200)
                .header("RateLimit", matchesPattern("\"address\";r=0;t=\\d+"));
        // the budget is spent: the explorer's heaviest page is refused like any other request
        assertProblem(
                        given().header("X-Forwarded-For", client)
                                .when()
                                .get("/map")
                                .then(),
                        429,
                        "too-many-requests")
                .header("Retry-After", matchesPattern("\\d+"));
        given().header("X-Forwarded-For", "198.51.100.77")
                .when()
                .get("/map")
                .then()
                .statusCode(200);
    }

    /** A request the operation would match (its body's media type), from the given client address. */
    private static io.restassured.specification.RequestSpecification request(
            ContractOperations.Operation op, String address) {
        var request = given().header("X-Forwarded-For", address);
        return switch (op.method()) {
            case "PATCH" -> request.contentType("application/merge-patch+json").body("{}");
            case "POST", "PUT" ->
                op.path().endsWith("/imports")
                        ? request.contentType("application/x-ndjson")
                                .body("{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        : request.contentType("application/json").body("{}");
            default -> request;
        };
    }

    @Test
    void everyOperationIsLimitedTheSameWay() {
        int client = 1;
        for (ContractOperations.Operation op : ContractOperations.load().all()) {
            if (!op.declares(429)) {
                continue;
            }
            String address = "192.0.2." + client++;
            String path = op.path()
                    .replace("{id}", op.path().startsWith("/v1/curation/tokens") ? "1" : "AT-000035")
                    .replace("{version}", "1.0.0")
                    .replace("{name}", "cases.csv");
            for (int i = 0; i < 5; i++) {
                request(op, address).when().request(op.method(), path);
            }
            assertProblem(request(op, address).when().request(op.method(), path).then(), 429, "too-many-requests")
                    .header("Retry-After", matchesPattern("\\d+"));
        }
    }
}
