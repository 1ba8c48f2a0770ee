package org.armstrace.curation;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A curator's day: draft, publish, correct, retract, merge, each seen from the public side too. */
@QuarkusTest
class CurationFlowTest {

    @Inject
    Tokens tokens;

    private String curator;
    private String editor;

    @BeforeEach
    void tokens() {
        curator = tokens.secret(Role.CURATOR);
        editor = tokens.secret(Role.EDITOR);
    }

    private RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    private Response createDraft(ObjectNode body) {
        return as(curator)
                .contentType(ContentType.JSON)
                .body(body.toString())
                .when()
                .post("/v1/curation/cases")
                .then()
                .statusCode(201)
                .header("ETag", "\"v1\"")
                .header("Location", containsString("/v1/curation/cases/AT-"))
                .body("status", equalTo("draft"))
                .extract()
                .response();
    }

    @Test
    void draftPublishCorrectRetract() {
        String id = createDraft(CaseInputs.valid("NL")).path("id");
        assertProblem(given().when().get("/v1/cases/" + id).then(), 404, "not-found");
        as(curator)
                .when()
                .get("/v1/curation/cases/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"v1\"");

        assertProblem(
                as(curator).when().post("/v1/curation/cases/" + id + "/publish").then(), 403, "forbidden");
        assertProblem(
                as(editor).when().post("/v1/curation/cases/" + id + "/publish").then(), 428, "precondition-required");
        assertProblem(
                as(editor)
                        .header("If-Match", "\"v7\"")
                        .when()
                        .post("/v1/curation/cases/" + id + "/publish")
                        .then(),
                412,
                "precondition-failed");
        as(editor)
                .header("If-Match", "\"v1\"")
                .queryParam("note", "checked against two sources")
                .when()
                .post("/v1/curation/cases/" + id + "/publish")
                .then()
                .statusCode(200)
                .header("ETag", "\"v2\"")
                .body("status", equalTo("published"));
        given().when()
                .get("/v1/cases/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "W/\"v2\"")
                .body("version", equalTo(2));

        // a curator may not correct a published record; an editor may
        assertProblem(
                as(curator)
                        .header("If-Match", "\"v2\"")
                        .contentType("application/merge-patch+json")
                        .body("{\"outcome\": \"x\"}")
                        .when()
                        .patch("/v1/curation/cases/" + id)
                        .then(),
                403,
                "forbidden");
        as(editor)
                .header("If-Match", "\"v2\"")
                .contentType("application/merge-patch+json")
                .body("{\"outcome\": \"Two men were charged.\", \"legal_status\": \"charged\"}")
                .queryParam("note", "prosecutor's statement")
                .when()
                .patch("/v1/curation/cases/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"v3\"")
                .body("legal_status", equalTo("charged"))
                .body("summary", startsWith("Police searching"));

        given().when()
                .get("/v1/cases/" + id + "/history")
                .then()
                .statusCode(200)
                .body("items.action", equalTo(List.of("publish", "update")))
                .body("items.version", equalTo(List.of(2, 3)))
                .body("items[1].note", equalTo("prosecutor's statement"))
                .body("items[1].snapshot.outcome", equalTo("Two men were charged."));

        as(editor)
                .header("If-Match", "\"v3\"")
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"The seized items turned out to be replicas.\"}")
                .when()
                .post("/v1/curation/cases/" + id + "/retract")
                .then()
                .statusCode(200)
                .body("status", equalTo("retracted"));
        assertProblem(given().when().get("/v1/cases/" + id).then(), 410, "retracted")
                .body("detail", equalTo("Retracted: The seized items turned out to be replicas."))
                .body("retracted_at", startsWith("20"));
        given().when()
                .get("/v1/cases?country=NL&limit=500")
                .then()
                .statusCode(200)
                .body("items.id", not(id));
        given().when()
                .get("/v1/cases/" + id + "/history")
                .then()
                .statusCode(200)
                .body("items.action", equalTo(List.of("publish", "update", "retract")));
        assertProblem(
                as(editor)
                        .header("If-Match", "\"v4\"")
                        .contentType(ContentType.JSON)
                        .body(CaseInputs.valid("NL").toString())
                        .when()
                        .put("/v1/curation/cases/" + id)
                        .then(),
                409,
                "conflict");
    }

    private static org.hamcrest.Matcher<Iterable<? super String>> not(String id) {
        return org.hamcrest.Matchers.not(hasItem(id));
    }

    @Test
    void aMergedRecordRedirectsToItsReplacement() {
        String keep = publish(createDraft(CaseInputs.valid("NL")).path("id"));
        String duplicate = publish(createDraft(CaseInputs.valid("NL")).path("id"));
        as(editor)
                .header("If-Match", "\"v2\"")
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"Duplicate of the same seizure.\", \"replaced_by\": \"" + keep
                        + "\", \"merge\": true}")
                .when()
                .post("/v1/curation/cases/" + duplicate + "/retract")
                .then()
                .statusCode(200);
        given().redirects()
                .follow(false)
                .when()
                .get("/v1/cases/" + duplicate)
                .then()
                .statusCode(301)
                .header("Location", endsWith("/v1/cases/" + keep));
    }

    private String publish(String id) {
        as(editor)
                .header("If-Match", "\"v1\"")
                .when()
                .post("/v1/curation/cases/" + id + "/publish")
                .then()
                .statusCode(200);
        return id;
    }

    @Test
    void replacingADraftNeedsTheCurrentETag() {
        String id = createDraft(CaseInputs.valid("NL")).path("id");
        ObjectNode changed = CaseInputs.valid("NL").put("summary", "Police seized two hybrid pistols and a printer.");
        assertProblem(
                as(curator)
                        .contentType(ContentType.JSON)
                        .body(changed.toString())
                        .when()
                        .put("/v1/curation/cases/" + id)
                        .then(),
                428,
                "precondition-required");
        as(curator)
                .header("If-Match", "\"v1\"")
                .contentType(ContentType.JSON)
                .body(changed.toString())
                .when()
                .put("/v1/curation/cases/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"v2\"")
                .body("summary", equalTo("Police seized two hybrid pistols and a printer."));
        assertProblem(
                as(curator)
                        .header("If-Match", "\"v1\"")
                        .contentType(ContentType.JSON)
                        .body(changed.toString())
                        .when()
                        .put("/v1/curation/cases/" + id)
                        .then(),
                412,
                "precondition-failed");
    }

    @Test
    void unknownFieldsAndBrokenRulesAreNamed() {
        ObjectNode body = CaseInputs.valid("NL").put("suspect_name", "A Person");
        body.withArray("sources")
                .addObject()
                .put("publisher", "x")
                .put("title", "y")
                .put("url", "https://www.thingiverse.com/thing:1")
                .put("source_type", "news")
                .put("language", "en");
        assertProblemNames(
                as(curator)
                        .contentType(ContentType.JSON)
                        .body(body.toString())
                        .when()
                        .post("/v1/curation/cases")
                        .then(),
                400,
                "invalid-body",
                "suspect_name",
                "unknown_field");
        body.remove("suspect_name");
        assertProblemNames(
                as(curator)
                        .contentType(ContentType.JSON)
                        .body(body.toString())
                        .when()
                        .post("/v1/curation/cases")
                        .then(),
                400,
                "invalid-body",
                "sources[1].url",
                "denied_host");
        // spellings that once slipped past the checks: a trailing dot, ;parameters, a trailing slash, a file in the
        // query
        for (String url : List.of(
                "https://thingiverse.com./thing:1",
                "https://example.org/gun.stl;x=1",
                "https://example.org/gun.stl/",
                "https://example.org/dl?f=gun.stl",
                "https://example.org/gun%2Estl")) {
            body.withArray("sources").remove(1);
            body.withArray("sources")
                    .addObject()
                    .put("publisher", "x")
                    .put("title", "y")
                    .put("url", url)
                    .put("source_type", "news")
                    .put("language", "en");
            assertProblem(
                            as(curator)
                                    .contentType(ContentType.JSON)
                                    .body(body.toString())
                                    .when()
                                    .post("/v1/curation/cases")
                                    .then(),
                            400,
                            "invalid-body")
                    .body("errors.name", hasItem("sources[1].url"));
        }
        ObjectNode wrongTypes = CaseInputs.valid("NL").put("latitude", "north").put("case_type", "shooting");
        assertProblem(
                        as(curator)
                                .contentType(ContentType.JSON)
                                .body(wrongTypes.toString())
                                .when()
                                .post("/v1/curation/cases")
                                .then(),
                        400,
                        "invalid-body")
                .body("errors.name", hasItem("latitude"))
                .body("errors.name", hasItem("case_type"));
        assertProblem(
                as(curator)
                        .contentType(ContentType.JSON)
                        .body("{\"event_date\": ")
                        .when()
                        .post("/v1/curation/cases")
                        .then(),
                400,
                "malformed-request");
        assertProblem(
                as(curator)
                        .contentType(ContentType.TEXT)
                        .body("hello")
                        .when()
                        .post("/v1/curation/cases")
                        .then(),
                415,
                "unsupported-media-type");
        assertProblem(
                as(curator)
                        .contentType(ContentType.JSON)
                        .body("{\"summary\": \"" + "x".repeat(1_100_000) + "\"}")
                        .when()
                        .post("/v1/curation/cases")
                        .then(),
                413,
                "payload-too-large");
    }

    @Test
    void anIdempotencyKeyReplaysTheSameCreateAndRefusesAnotherBody() {
        ObjectNode body = CaseInputs.valid("NL");
        Response first = as(curator)
                .header("Idempotency-Key", "key-123")
                .contentType(ContentType.JSON)
                .body(body.toString())
                .when()
                .post("/v1/curation/cases")
                .then()
                .statusCode(201)
                .extract()
                .response();
        Response again = as(curator)
                .header("Idempotency-Key", "key-123")
                .contentType(ContentType.JSON)
                .body(body.toString())
                .when()
                .post("/v1/curation/cases")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract()
                .response();
        assertEquals(first.asString(), again.asString());
        assertEquals(first.header("Location"), again.header("Location"));
        assertProblemNames(
                as(curator)
                        .header("Idempotency-Key", "key-123")
                        .contentType(ContentType.JSON)
                        .body(body.put("summary", "Another seizure, another body entirely.")
                                .toString())
                        .when()
                        .post("/v1/curation/cases")
                        .then(),
                422,
                "idempotency-key-reused",
                "Idempotency-Key",
                "same_body");
    }

    @Test
    void draftsAreListedForCurators() {
        String id = createDraft(CaseInputs.valid("NL")).path("id");
        as(curator)
                .queryParam("status", "draft")
                .queryParam("limit", 500)
                .when()
                .get("/v1/curation/cases")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("draft")));
        as(curator)
                .queryParam("status", "draft")
                .queryParam("limit", 1)
                .when()
                .get("/v1/curation/cases")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void publishingAPublishedRecordAndRetractingADraftAreConflicts() {
        String id = createDraft(CaseInputs.valid("NL")).path("id");
        assertProblem(
                        as(editor)
                                .header("If-Match", "\"v1\"")
                                .contentType(ContentType.JSON)
                                .body("{\"reason\": \"The seized items turned out to be replicas.\"}")
                                .when()
                                .post("/v1/curation/cases/" + id + "/retract")
                                .then(),
                        409,
                        "conflict")
                .body("detail", containsString("draft"));
        publish(id);
        assertProblem(
                        as(editor)
                                .header("If-Match", "\"v2\"")
                                .when()
                                .post("/v1/curation/cases/" + id + "/publish")
                                .then(),
                        409,
                        "conflict")
                .body("detail", containsString("published"));
        given().when()
                .get("/v1/cases/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("version", equalTo(2));
    }

    @Test
    void aRetractedRecordCannotBePatched() {
        String id = publish(createDraft(CaseInputs.valid("NL")).path("id"));
        as(editor)
                .header("If-Match", "\"v2\"")
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"The seized items turned out to be replicas.\"}")
                .when()
                .post("/v1/curation/cases/" + id + "/retract")
                .then()
                .statusCode(200)
                .header("ETag", "\"v3\"");
        assertProblem(
                as(editor)
                        .header("If-Match", "\"v3\"")
                        .contentType("application/merge-patch+json")
                        .body("{\"outcome\": \"Two men were charged.\"}")
                        .when()
                        .patch("/v1/curation/cases/" + id)
                        .then(),
                409,
                "conflict");
        assertProblem(given().when().get("/v1/cases/" + id).then(), 410, "retracted");
    }

    @Test
    void correctingAPublishedRecordNeedsAnEditor() {
        String id = publish(createDraft(CaseInputs.valid("NL")).path("id"));
        ObjectNode corrected = CaseInputs.valid("NL").put("legal_status", "charged");
        assertProblem(
                as(curator)
                        .header("If-Match", "\"v2\"")
                        .contentType(ContentType.JSON)
                        .body(corrected.toString())
                        .when()
                        .put("/v1/curation/cases/" + id)
                        .then(),
                403,
                "forbidden");
        as(editor)
                .header("If-Match", "\"v2\"")
                .contentType(ContentType.JSON)
                .body(corrected.toString())
                .queryParam("note", "charges filed")
                .when()
                .put("/v1/curation/cases/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"v3\"")
                .body("legal_status", equalTo("charged"));
        given().when().get("/v1/cases/" + id).then().statusCode(200).body("legal_status", equalTo("charged"));
    }

    @Test
    void changesThatBreakTheRulesAreRefusedNamingTheField() {
        String draft = createDraft(CaseInputs.valid("NL")).path("id");
        assertProblemNames(
                as(curator)
                        .header("If-Match", "\"v1\"")
                        .contentType("application/merge-patch+json")
                        .body("{\"country\": \"XX\"}")
                        .when()
                        .patch("/v1/curation/cases/" + draft)
                        .then(),
                400,
                "invalid-body",
                "country",
                "iso_3166_1");
        assertProblemNames(
                as(curator)
                        .header("If-Match", "\"v1\"")
                        .contentType(ContentType.JSON)
                        .body("{\"country\": \"NL\"}")
                        .when()
                        .put("/v1/curation/cases/" + draft)
                        .then(),
                400,
                "invalid-body",
                "event_date",
                "required");
        as(curator)
                .when()
                .get("/v1/curation/cases/" + draft)
                .then()
                .statusCode(200)
                .header("ETag", "\"v1\"")
                .body("country", equalTo("NL"));

        String published = publish(createDraft(CaseInputs.valid("NL")).path("id"));
        assertProblemNames(
                as(editor)
                        .header("If-Match", "\"v2\"")
                        .contentType(ContentType.JSON)
                        .body("{\"reason\": \"Duplicate of another seizure.\", \"merge\": true}")
                        .when()
                        .post("/v1/curation/cases/" + published + "/retract")
                        .then(),
                400,
                "invalid-body",
                "merge",
                "needs_replacement");
        assertProblemNames(
                as(editor)
                        .header("If-Match", "\"v2\"")
                        .contentType(ContentType.JSON)
                        .body("{\"reason\": \"Duplicate of another seizure.\", \"replaced_by\": \"" + draft + "\"}")
                        .when()
                        .post("/v1/curation/cases/" + published + "/retract")
                        .then(),
                400,
                "invalid-body",
                "replaced_by",
                "published_record");
        assertProblemNames(
                as(editor)
                        .header("If-Match", "\"v2\"")
                        .contentType(ContentType.JSON)
                        .body("{\"reason\": \"short\"}")
                        .when()
                        .post("/v1/curation/cases/" + published + "/retract")
                        .then(),
                400,
                "invalid-body",
                "reason",
                "minLength");
        given().when().get("/v1/cases/" + published).then().statusCode(200).body("version", equalTo(2));
    }
}
