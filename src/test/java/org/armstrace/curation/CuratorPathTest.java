package org.armstrace.curation;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.TestRecords;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A curator's path without friction (issue 14): every error of a body or row in one answer, imports that
 * say which ids they created and can be retried safely, CSV that imports back, and CSV that cannot be read
 * named by line rather than a 500.
 */
@QuarkusTest
class CuratorPathTest {

    private static final String COUNTRY = "PN";

    @Inject
    Tokens tokens;

    @Inject
    TestRecords records;

    @Inject
    EntityManager em;

    private String editor;

    @BeforeEach
    void setUp() {
        editor = tokens.secret(Role.EDITOR);
    }

    private RequestSpecification as() {
        return given().header("Authorization", "Bearer " + editor);
    }

    /** A bad country (a rule), a bad legal status (the contract's enum) and a short summary (a rule). */
    private static ObjectNode threeErrors() {
        return CaseInputs.valid(COUNTRY)
                .put("country", "XX")
                .put("legal_status", "arrested")
                .put("summary", "Too short.");
    }

    @Test
    void aCreateReportsEveryErrorOfTheBodyAtOnce() {
        assertProblem(
                        as().contentType(ContentType.JSON)
                                .body(threeErrors().toString())
                                .post("/v1/curation/cases")
                                .then(),
                        400,
                        "invalid-body")
                .body("errors.name", hasItems("country", "legal_status", "summary"))
                .body("errors.rule", hasItems("iso_3166_1", "enum", "min_length"));
    }

    @Test
    void aPatchReportsEveryErrorOfThePatchedRecordAtOnce() {
        String draft = as().contentType(ContentType.JSON)
                .body(CaseInputs.valid(COUNTRY).toString())
                .post("/v1/curation/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertProblem(
                        as().contentType("application/merge-patch+json")
                                .header("If-Match", "\"v1\"")
                                .body(
                                        "{\"country\": \"XX\", \"legal_status\": \"arrested\", \"summary\": \"Too short.\"}")
                                .patch("/v1/curation/cases/" + draft)
                                .then(),
                        400,
                        "invalid-body")
                .body("errors.name", hasItems("country", "legal_status", "summary"));
    }

    @Test
    void anImportReportsEveryErrorOfARowAtOnce() {
        assertProblem(
                        as().contentType("application/x-ndjson")
                                .queryParam("dry_run", true)
                                .body((CaseInputs.valid(COUNTRY) + "\n" + threeErrors() + "\n")
                                        .getBytes(StandardCharsets.UTF_8))
                                .post("/v1/curation/imports")
                                .then(),
                        400,
                        "import-rejected")
                .body("errors.name", hasItems("country", "legal_status", "summary"))
                .body("errors.line", everyItem(equalTo(2)));
    }

    @Test
    void anImportAnswersTheIdsItCreatedInRowOrder() {
        List<String> summaries = List.of(
                "First imported seizure of printed pistols.",
                "Second imported seizure of printed pistols.",
                "Third imported seizure of printed pistols.");
        List<String> ids = as().contentType("application/x-ndjson")
                .body(ndjson(summaries).getBytes(StandardCharsets.UTF_8))
                .post("/v1/curation/imports")
                .then()
                .statusCode(200)
                .body("written", equalTo(3))
                .extract()
                .path("ids");
        assertEquals(3, ids.size());
        for (int i = 0; i < ids.size(); i++) {
            as().get("/v1/curation/cases/" + ids.get(i))
                    .then()
                    .statusCode(200)
                    .body("summary", equalTo(summaries.get(i)));
        }
    }

    @Test
    void aRetriedImportWithTheSameKeyWritesNothingTwice() {
        String body = ndjson(List.of("An import retried after its answer was lost on the way."));
        long before = count();
        Response first = importWithKey("import-retry-1", body);
        first.then().statusCode(200).body("written", equalTo(1));
        assertNull(first.header("Idempotent-Replayed"));
        Response again = importWithKey("import-retry-1", body);
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getList("ids"), again.jsonPath().getList("ids"));
        assertEquals(before + 1, count(), "the retry wrote nothing");
        assertProblemNames(
                importWithKey("import-retry-1", ndjson(List.of("Another import entirely, under the same key.")))
                        .then(),
                422,
                "idempotency-key-reused",
                "Idempotency-Key",
                "same_body");
        assertEquals(before + 1, count());
    }

    private Response importWithKey(String key, String body) {
        return as().contentType("application/x-ndjson")
                .header("Idempotency-Key", key)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/curation/imports");
    }

    @Test
    void aCsvExportedWithAByteOrderMarkImportsBack() {
        byte[] export = given().queryParam("format", "csv")
                .queryParam("bom", true)
                .queryParam("country", "FR")
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertEquals((byte) 0xEF, export[0]);
        int exported = given().queryParam("country", "FR")
                .queryParam("count", true)
                .get("/v1/cases")
                .then()
                .extract()
                .path("total_count");
        as().contentType("text/csv")
                .queryParam("dry_run", true)
                .body(export)
                .post("/v1/curation/imports")
                .then()
                .statusCode(200)
                .body("rows", equalTo(exported));
    }

    @Test
    void csvThatCannotBeSplitIntoCellsIsA400NamingTheLine() {
        String header = "event_date,date_precision,geo_precision,country,summary,confidence\n";
        String[][] cases = {
            {header + "2024,year,country,PN,\"Police seized pistols here.,medium\n", "quoted cell"},
            {header + "\"2024\"x,year,country,PN,Police seized pistols here.,medium\n", "quoted cell"},
            {header + "2024,year,country,PN,Police seized pistols here.,medium,extra\n", "more cells"},
            {header + "2024,year,country,PN," + "a".repeat(2_000_000) + ",medium\n", "longer than"},
        };
        long before = count();
        for (String[] c : cases) {
            assertProblem(
                            as().contentType("text/csv")
                                    .body(c[0].getBytes(StandardCharsets.UTF_8))
                                    .post("/v1/curation/imports")
                                    .then(),
                            400,
                            "malformed-request")
                    .body("detail", org.hamcrest.Matchers.containsString(c[1]))
                    .body("errors[0].line", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        }
        assertEquals(before, count());
    }

    private static String ndjson(List<String> summaries) {
        StringBuilder out = new StringBuilder();
        for (String summary : summaries) {
            out.append(CaseInputs.valid(COUNTRY).put("summary", summary)).append('\n');
        }
        return out.toString();
    }

    private long count() {
        return ((Number)
                        em.createNativeQuery("select count(*) from case_record").getSingleResult())
                .longValue();
    }
}
