package org.armstrace.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Absolute links in the Atom feed, the dataset description and the citations start with the configured public
 * base URL (https://armstrace.test in the test profile), never with a Host header a client made up: those answers
 * are cached and served to everyone.
 */
@QuarkusTest
class PublicBaseUrlTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/changes.atom",
                "/v1/dataset",
                "/v1/dataset?profile=schema.org",
                "/v1/dataset/citation",
                "/v1/dataset/citation?format=bibtex",
                "/v1/dataset/citation?format=ris",
                "/v1/dataset/citation?format=cff",
                "/v1/dataset/citation?release=1.0.0&format=csl"
            })
    void linksComeFromTheConfiguredBaseUrlNotFromTheHostHeader(String path) {
        String body = given().header("Host", "evil.example:666")
                .accept("*/*")
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String start = body.substring(0, Math.min(body.length(), 600));
        assertFalse(body.contains("evil.example"), "the Host header ended up in the answer: " + start);
        assertTrue(body.contains("https://armstrace.test/v1/"), "the configured base URL is missing: " + start);
    }
}
