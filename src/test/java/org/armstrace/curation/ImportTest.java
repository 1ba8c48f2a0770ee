package org.armstrace.curation;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imports write all rows or none, and name every bad row by line, field and rule. */
@QuarkusTest
class ImportTest {

    @Inject
    Tokens tokens;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "armstrace.limits.body-size")
    MemorySize maxBodySize;

    private String curator;

    @BeforeEach
    void token() {
        curator = tokens.secret(Role.CURATOR);
    }

    private RequestSpecification as(String secret, String type, String body) {
        return given().header("Authorization", "Bearer " + secret)
                .contentType(type)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String ndjson(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    private static List<String> goodRows(int n, String country) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(CaseInputs.valid(country)
                    .put("summary", "Imported seizure number " + i + " of a test file.")
                    .toString());
        }
        return rows;
    }

    @Test
    void badRowsInTheMiddleWriteNothingAndAreEachReported() {
        List<String> rows = goodRows(8, "AQ");
        rows.set(2, CaseInputs.valid("AQ").put("country", "XX").toString());
        rows.set(4, "{\"event_date\": ");
        ObjectNode unknownField = CaseInputs.valid("AQ");
        unknownField.put("offender_name", "A Person");
        rows.set(6, unknownField.toString());
        long before = count("select count(*) from case_record");
        long revisionsBefore = count("select count(*) from revision");
        assertProblem(
                        as(curator, "application/x-ndjson", ndjson(rows))
                                .when()
                                .post("/v1/curation/imports")
                                .then(),
                        400,
                        "import-rejected")
                .body("errors.line", equalTo(List.of(3, 5, 7)))
                .body("errors.name", equalTo(List.of("country", "(row)", "offender_name")))
                .body("errors.rule", equalTo(List.of("iso_3166_1", "json", "unknown_field")))
                .body("detail", equalTo("3 of 8 rows break rules; nothing was written."));
        assertEquals(before, count("select count(*) from case_record"));
        assertEquals(revisionsBefore, count("select count(*) from revision"));
    }

    @Test
    void anNdjsonLineOverOneMebicharacterIsThatRowsErrorAndTheOthersAreStillChecked() {
        // a 60 MB line between good rows and a bad one, as a stream (never a 60 MB string on either side)
        InputStream body = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                utf8(goodRows(1, "AQ").get(0) + "\n{\"summary\": \""),
                repeated((byte) 'a', 60_000_000),
                utf8("\"}\r\n" + CaseInputs.valid("AQ").put("country", "XX") + "\n"
                        + goodRows(1, "AQ").get(0) + "\n"))));
        long before = count("select count(*) from case_record");
        long revisionsBefore = count("select count(*) from revision");
        assertProblem(
                        given().header("Authorization", "Bearer " + curator)
                                .contentType("application/x-ndjson")
                                .body(body)
                                .when()
                                .post("/v1/curation/imports")
                                .then(),
                        400,
                        "import-rejected")
                .body("errors.line", equalTo(List.of(2, 3)))
                .body("errors.name", equalTo(List.of("(row)", "country")))
                .body("errors.rule", equalTo(List.of("max_length", "iso_3166_1")))
                .body("errors[0].detail", equalTo("is longer than 1048576 characters"))
                .body("detail", equalTo("2 of 4 rows break rules; nothing was written."));
        assertEquals(before, count("select count(*) from case_record"));
        assertEquals(revisionsBefore, count("select count(*) from revision"));
    }

    @Test
    void aGoodImportWritesEveryRowWithOneRevisionEach() {
        long before = count("select count(*) from case_record where country = 'TF'");
        as(curator, "application/x-ndjson", ndjson(goodRows(5, "TF")))
                .queryParam("dry_run", true)
                .when()
                .post("/v1/curation/imports")
                .then()
                .statusCode(200)
                .body("dry_run", equalTo(true))
                .body("rows", equalTo(5))
                .body("written", equalTo(0));
        assertEquals(before, count("select count(*) from case_record where country = 'TF'"));

        as(curator, "application/x-ndjson", ndjson(goodRows(5, "TF")))
                .when()
                .post("/v1/curation/imports")
                .then()
                .statusCode(200)
                .body("written", equalTo(5))
                .body("published", equalTo(false));
        assertEquals(before + 5, count("select count(*) from case_record where country = 'TF' and status = 'draft'"));
        assertEquals(
                5,
                count("select count(*) from revision r join case_record c on c.id = r.case_id "
                                + "where c.country = 'TF' and r.action = 'import'")
                        - before);
    }

    @Test
    void csvWithTheExportColumnsImportsToo() {
        String csv = """
                event_date,date_precision,country,place,geo_precision,latitude,longitude,case_type,legal_status,context,weapon_3d_role,channels,counts,summary,confidence,uncertain,sources
                2024-05,month,HM,Testtown,city,-53.1,73.5,arrest,charged,criminal_individual,fully_printed,telegram;social_media,"{""persons_arrested"":{""value"":1,""qualifier"":""exact""}}","A man was arrested for offering printed pistols, ""test"" row.",high,false,"[{""publisher"":""P"",""title"":""T"",""url"":""https://www.example.org/a"",""source_type"":""news"",""language"":""en""}]"
                2024-06-02,day,HM,Testtown,city,-53.1,73.5,seizure,under_investigation,criminal_individual,hybrid,,,"A printer and two frames were seized in a search.",medium,true,"[{""publisher"":""P"",""title"":""T"",""url"":""https://www.example.org/b"",""source_type"":""news"",""language"":""en""}]"
                """;
        assertProblem(
                        as(curator, "text/csv", csv)
                                .when()
                                .post("/v1/curation/imports")
                                .then(),
                        400,
                        "import-rejected")
                .body("errors.line", equalTo(List.of(3)))
                .body("errors.name", hasItem("uncertainty_notes"));
        String fixed = csv.replace(",medium,true,", ",medium,false,");
        as(curator, "text/csv", fixed)
                .when()
                .post("/v1/curation/imports")
                .then()
                .statusCode(200)
                .body("written", equalTo(2));
        assertEquals(
                2,
                count("select count(*) from case_record where country = 'HM' and 'telegram' = any(channels) or "
                        + "country = 'HM' and case_type = 'seizure'"));
        assertProblem(
                        as(curator, "text/csv", "event_date,suspect_name\n2024,x\n")
                                .when()
                                .post("/v1/curation/imports")
                                .then(),
                        400,
                        "import-rejected")
                .body("errors.name", equalTo(List.of("suspect_name")));
    }

    @Test
    void anImportedRecordIsStoredAsTheSameRecordCreatedAlone() {
        ObjectNode body = CaseInputs.valid("BV");
        body.put("summary", "A \\ backslash, \"quotes\", a {brace}, a comma\nand a second line: \\N is not null.");
        body.put("outcome", "Seized \\t and kept.");
        body.put("place", "Saint-\u00c9tienne");
        body.put("latitude", 0.1 + 0.2);
        body.put("longitude", -1.0E-5);
        body.put("uncertain", true);
        body.put("uncertainty_notes", "Counts differ between sources \\ {}.");
        body.putArray("other_countries").add("BE").add("DE");
        body.putArray("channels").add("telegram").add("social_media");
        body.putArray("agencies").add("Douane \"DNRED\"").add("Unit {7}, \\ north");
        body.putArray("people")
                .addObject()
                .put("role", "suspect")
                .put("number", 2)
                .put("age_min", 19)
                .put("gender", "male");
        body.putArray("prices")
                .addObject()
                .put("amount_min", 100.5)
                .put("amount_max", 1500)
                .put("currency", "EUR")
                .put("unit", "per_firearm")
                .put("note", "as\tstated");
        ((ObjectNode) body.get("counts"))
                .putObject("persons_arrested")
                .put("value", 2)
                .put("qualifier", "at_least")
                .put("note", "two \\ more");
        ((ObjectNode) body.withArray("sources").get(0))
                .put("archive_url", "https://archive.example.org/a?b=1")
                .putArray("supports")
                .add("country")
                .add("summary");
        body.withArray("sources")
                .addObject()
                .put("publisher", "Le \"Monde\"")
                .put("title", "Tab\there")
                .put("url", "https://www.example.org/news/2")
                .put("source_type", "news")
                .put("language", "fr");
        String created = as(curator, "application/json", body.toString())
                .when()
                .post("/v1/curation/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(curator, "application/x-ndjson", ndjson(List.of(body.toString())))
                .when()
                .post("/v1/curation/imports")
                .then()
                .statusCode(200)
                .body("written", equalTo(1));
        String imported = (String) em.createNativeQuery(
                        "select max(public_id) from case_record where country = 'BV' and public_id <> :created")
                .setParameter("created", created)
                .getSingleResult();
        // every column but the record's identity and times, its sources and its counts: the same values
        String record = "select to_jsonb(c) - 'id' - 'public_id' - 'created_at' - 'updated_at' - 'rendition_id'"
                + " from case_record c where public_id = :id";
        String sources = "select jsonb_agg(to_jsonb(s) - 'id' - 'case_id' order by s.position) from case_source s"
                + " join case_record c on c.id = s.case_id where c.public_id = :id";
        String counts = "select jsonb_agg(to_jsonb(k) - 'id' - 'case_id' order by k.count_key) from case_count k"
                + " join case_record c on c.id = k.case_id where c.public_id = :id";
        for (String sql : List.of(record, sources, counts)) {
            assertEquals(text(sql, created), text(sql, imported), sql);
        }
        // and the rendered forms differ only by the id and the times
        String document =
                "select d.document from case_record c join rendition d on d.id = c.rendition_id where c.public_id = :id";
        assertEquals(
                text(document, created).replace(created, "ID").replaceAll("\"(created|updated)_at\":\"[^\"]+\"", "T"),
                text(document, imported)
                        .replace(imported, "ID")
                        .replaceAll("\"(created|updated)_at\":\"[^\"]+\"", "T"));
    }

    private String text(String sql, String id) {
        Object value = em.createNativeQuery(sql).setParameter("id", id).getSingleResult();
        return String.valueOf(value);
    }

    /**
     * An import of {@link CaseImporter#ANALYZE_AFTER_ROWS} rows or more refreshes the planner's statistics of
     * the columns it names before it commits; a column the schema no longer has would fail every such import
     * with a 500 (it did, when V15 moved the search vector), so the statement runs here as it is.
     */
    @Test
    void theStatisticsALargeImportRefreshesAreOfColumnsThatExist() {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(CaseImporter.ANALYZE).executeUpdate());
    }

    @Test
    void publishingAnImportNeedsAnEditor() {
        assertProblem(
                as(curator, "application/x-ndjson", ndjson(goodRows(1, "AQ")))
                        .queryParam("publish", true)
                        .when()
                        .post("/v1/curation/imports")
                        .then(),
                403,
                "forbidden");
        String editor = tokens.secret(Role.EDITOR);
        as(editor, "application/x-ndjson", ndjson(goodRows(1, "GS")))
                .queryParam("publish", true)
                .when()
                .post("/v1/curation/imports")
                .then()
                .statusCode(200)
                .body("published", equalTo(true));
        given().when().get("/v1/cases?country=GS").then().statusCode(200).body("items.size()", equalTo(1));
    }

    private static InputStream utf8(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code count} times the byte {@code b}, generated as it is read. */
    private static InputStream repeated(byte b, long count) {
        return new InputStream() {
            private long left = count;

            @Override
            public int read() {
                return left-- > 0 ? b : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, b);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void anImportStreamedPastTheBodyLimitGetsA413Problem() {
        long limit = maxBodySize.asLongValue();
        InputStream blankLines = repeated((byte) '\n', limit + 64 * 1024);
        long before = count("select count(*) from case_record");
        // streamed (chunked, no Content-Length: the client cannot know the length of a stream), counted as it is
        // read, refused with a problem as soon as it passes the limit; the connection is closed
        assertProblem(
                        given().header("Authorization", "Bearer " + curator)
                                .contentType("application/x-ndjson")
                                .body(blankLines)
                                .when()
                                .post("/v1/curation/imports")
                                .then(),
                        413,
                        "payload-too-large")
                .header("Connection", "close")
                .body("detail", equalTo("The request body is larger than " + limit + " bytes."))
                .body("errors", org.hamcrest.Matchers.empty());
        assertEquals(before, count("select count(*) from case_record"));
    }

    @Test
    void anEmptyImportIsRefused() {
        assertProblem(
                as(curator, "application/x-ndjson", "\n\n")
                        .when()
                        .post("/v1/curation/imports")
                        .then(),
                400,
                "invalid-body");
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
