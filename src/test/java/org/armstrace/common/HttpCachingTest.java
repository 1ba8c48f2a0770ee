package org.armstrace.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import org.armstrace.api.model.Role;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Conditional GETs, cache headers and compression, as a browser, CDN or client library sees them. */
@QuarkusTest
class HttpCachingTest {

    @Inject
    Tokens tokens;

    @Test
    void aRepeatedGetWithTheETagIs304WithoutBody() {
        for (String path : new String[] {
            "/v1/cases?country=FR",
            "/v1/cases/AT-000035",
            "/v1/codebook",
            "/v1/stats?group_by=year",
            "/v1/cases/AT-000035/history",
            "/v1/codebook/schema",
            "/v1/changes?since=0",
            "/v1/changes.atom?limit=5",
            "/v1/dataset",
            "/v1/dataset/citation",
            "/v1/releases"
        }) {
            String etag = given().when()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .header("ETag", notNullValue())
                    .header("Cache-Control", "public, max-age=60")
                    .header("Vary", "Accept, Accept-Encoding")
                    .extract()
                    .header("ETag");
            given().header("If-None-Match", etag)
                    .when()
                    .get(path)
                    .then()
                    .statusCode(304)
                    .body(emptyString())
                    .header("ETag", equalTo(etag));
            given().header("If-None-Match", "W/\"something-else\"")
                    .when()
                    .get(path)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void aChangedRecordChangesItsETagAndTheListsETag() {
        String editor = tokens.secret(Role.EDITOR);
        String recordTag = given().when()
                .get("/v1/cases/AT-000036")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        String listTag = given().when()
                .get("/v1/cases?country=BE")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        String version = given().header("Authorization", "Bearer " + editor)
                .when()
                .get("/v1/curation/cases/AT-000036")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract()
                .header("ETag");
        given().header("Authorization", "Bearer " + editor)
                .header("If-Match", version)
                .contentType("application/merge-patch+json")
                .body("{\"uncertainty_notes\": \"Checked again in a test.\"}")
                .when()
                .patch("/v1/curation/cases/AT-000036")
                .then()
                .statusCode(200);
        String newRecordTag = given().header("If-None-Match", recordTag)
                .when()
                .get("/v1/cases/AT-000036")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        String newListTag = given().header("If-None-Match", listTag)
                .when()
                .get("/v1/cases?country=BE")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        assertNotEquals(recordTag, newRecordTag);
        assertNotEquals(listTag, newListTag);
    }

    @Test
    void textAnswersAreCompressedWhenAsked() {
        given().config(RestAssuredConfig.config()
                        .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip")
                .when()
                .get("/v1/cases?limit=100")
                .then()
                .statusCode(200)
                .header("Content-Encoding", "gzip");
    }

    @Test
    void readsAreOpenToEveryOriginWithoutCredentials() {
        given().header("Origin", "https://research.example.org")
                .when()
                .get("/v1/cases?limit=1")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", notNullValue())
                .header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.not(equalTo("true")));
        given().header("Origin", "https://research.example.org")
                .header("Access-Control-Request-Method", "GET")
                .when()
                .options("/v1/cases")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Methods", startsWith("GET"));
    }

    @Test
    void curationIsNotReachableFromAnotherOriginsBrowser() {
        var preflight = given().header("Origin", "https://evil.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when()
                .options("/v1/curation/cases")
                .then()
                .extract();
        String allowedMethods = String.valueOf(preflight.header("Access-Control-Allow-Methods"));
        String allowedHeaders =
                String.valueOf(preflight.header("Access-Control-Allow-Headers")).toLowerCase();
        org.junit.jupiter.api.Assertions.assertFalse(
                allowedMethods.contains("POST") && allowedHeaders.contains("authorization"),
                "a browser on another origin must not be allowed to send an authorised POST: " + allowedMethods + " / "
                        + allowedHeaders);
    }
}
