package org.armstrace.common;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.RawHttp;
import org.armstrace.testing.TestRecords;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input that once reached a 500, a broken answer or a bare one (issue 14): each now gets a problem naming
 * what is wrong, and writes nothing.
 */
@QuarkusTest
class BadInputTest {

    private static final String COUNTRY = "UM";

    @Inject
    Tokens tokens;

    @Inject
    TestRecords records;

    @Inject
    EntityManager em;

    private String admin;

    @BeforeEach
    void setUp() {
        admin = tokens.secret(Role.ADMIN);
    }

    private RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + admin)
                .config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private static RequestSpecification raw() {
        return given().urlEncodingEnabled(false);
    }

    @Test
    void aNulInAPathIdIsA400NamingTheId() {
        for (String path :
                new String[] {"/v1/cases/%00", "/v1/cases/AT-000001%00/history", "/v1/releases/1.0.0/cases/AT-000001%00"
                }) {
            assertProblemNames(raw().get(path).then(), 400, "invalid-parameter", "id", "control_character");
        }
    }

    @Test
    void aNulOrControlCharacterInAnyJsonStringIsA400NamingTheFieldAndWritesNothing() {
        String published = records.insert(records.template(COUNTRY, "2024-02-04"), "published");
        Map<String, Long> before = counts();
        String body = CaseInputs.valid(COUNTRY)
                .put("summary", "Police seized\u0000 two printed pistols.")
                .toString();
        assertProblemNames(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/v1/curation/cases")
                        .then(),
                400,
                "invalid-body",
                "summary",
                "control_character");
        String source = CaseInputs.valid(COUNTRY).toString().replace("Politie", "Poli\\u000btie");
        assertProblemNames(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(source)
                        .post("/v1/curation/cases")
                        .then(),
                400,
                "invalid-body",
                "sources[0].publisher",
                "control_character");
        assertProblemNames(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body("{\"name\": \"a\\u0000b\", \"role\": \"curator\"}")
                        .post("/v1/curation/tokens")
                        .then(),
                400,
                "invalid-body",
                "name",
                "control_character");
        assertProblemNames(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body("{\"version\": \"99.1.0\", \"notes\": \"a\\u0000b\"}")
                        .post("/v1/curation/releases")
                        .then(),
                400,
                "invalid-body",
                "notes",
                "control_character");
        assertProblemNames(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .header("If-Match", "\"v1\"")
                        .body("{\"reason\": \"bad \\u0001 vertical \\u000b tab\"}")
                        .post("/v1/curation/cases/" + published + "/retract")
                        .then(),
                400,
                "invalid-body",
                "reason",
                "control_character");
        assertEquals(before, counts(), "a refused request writes nothing");
    }

    @Test
    void aNulInANoteIsA400NamingIt() {
        String draft = records.insert(records.template(COUNTRY, "2024-02-03"), "draft");
        assertProblemNames(
                asAdmin()
                        .urlEncodingEnabled(false)
                        .header("If-Match", "\"v1\"")
                        .post("/v1/curation/cases/" + draft + "/publish?note=a%00b")
                        .then(),
                400,
                "invalid-parameter",
                "note",
                "control_character");
        asAdmin()
                .get("/v1/curation/cases/" + draft)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("draft"));
    }

    @Test
    void aNulInAnImportCellIsRefusedInTheDryRunAndForReal() {
        String row = CaseInputs.valid(COUNTRY).put("summary", "Police seized\u0000 two printed pistols.") + "\n";
        long before = counts().get("case_record");
        for (String dryRun : new String[] {"true", "false"}) {
            assertProblem(
                            asAdmin()
                                    .contentType("application/x-ndjson")
                                    .queryParam("dry_run", dryRun)
                                    .body(row.getBytes(StandardCharsets.UTF_8))
                                    .post("/v1/curation/imports")
                                    .then(),
                            400,
                            "import-rejected")
                    .body("errors.name", hasItem("summary"))
                    .body("errors.rule", hasItem("control_character"))
                    .body("errors.line", hasItem(1));
        }
        assertEquals(before, counts().get("case_record"));
    }

    @Test
    void tamperedCursorsAreA400NamingTheCursor() {
        for (String query : new String[] {
            "cursor=" + cursor("v1|-event_date|0000-01-01|AT-000001"),
            "sort=event_date&cursor=" + cursor("v1|event_date|+10000-01-01|AT-000001"),
            "q=telegram&sort=relevance&cursor=" + cursor("v1|relevance|1f|AT-000001"),
            "q=telegram&sort=relevance&cursor=" + cursor("v1|relevance|1d|AT-000001"),
            "q=telegram&sort=relevance&cursor=" + cursor("v1|relevance|0x1p3|AT-000001")
        }) {
            assertProblemNames(raw().get("/v1/cases?" + query).then(), 400, "invalid-parameter", "cursor", "cursor");
        }
        // escapes no HTTP client sends: as bytes on a socket (Quarkus once answered these with an empty 400)
        for (String query : new String[] {"cursor=%ZZ", "limit=5&q=%ZZ%00"}) {
            RawHttp.Answer answer = RawHttp.send("GET /v1/cases?" + query + " HTTP/1.1", new byte[0]);
            assertEquals(400, answer.status());
            assertTrue(
                    answer.headers().toLowerCase().contains("content-type: application/problem+json"),
                    answer.headers());
            String name = query.contains("q=") ? "q" : "cursor";
            assertTrue(answer.body().contains("\"name\":\"" + name + "\""), answer.body());
        }
    }

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyAnnouncedOverTheLimitGetsA413Problem() {
        RawHttp.Answer answer = RawHttp.send(
                "POST /v1/curation/imports HTTP/1.1\r\nContent-Type: text/csv\r\nAuthorization: Bearer " + admin
                        + "\r\nContent-Length: 300000000",
                new byte[0]);
        assertEquals(413, answer.status());
        assertTrue(answer.headers().toLowerCase().contains("content-type: application/problem+json"), answer.headers());
        assertTrue(answer.body().contains("\"type\":\"/problems/payload-too-large\""), answer.body());
    }

    @Test
    void aUriOverTheLimitGetsA414Problem() {
        assertProblem(raw().get("/v1/cases?q=" + "x".repeat(32_768)).then(), 414, "uri-too-long")
                .body("detail", containsString("32768 characters"))
                .body("errors", org.hamcrest.Matchers.empty());
        // at the limit, the URI is read: q is then refused by name (at most 1000 characters)
        String atLimit = "/v1/cases?q=" + "x".repeat(32_768 - "/v1/cases?q=".length());
        assertProblemNames(raw().get(atLimit).then(), 400, "invalid-parameter", "q", "max_length");
        // the limit is on the URI as sent: raw UTF-8 that percent-encoding makes three times longer is read
        RawHttp.Answer utf8 = RawHttp.send("GET /v1/cases?q=" + "é".repeat(8_000) + " HTTP/1.1", new byte[0]);
        assertEquals(400, utf8.status(), utf8.body());
        assertTrue(utf8.body().contains("\"name\":\"q\""), utf8.body());
        // a request line over Vert.x's own limit (1 MiB) still gets its bare 414: the bound left (docs/architecture.md)
        RawHttp.Answer huge = RawHttp.send("GET /v1/cases?q=" + "x".repeat(1_048_576) + " HTTP/1.1", new byte[0]);
        assertEquals(414, huge.status());
        assertEquals("", huge.body());
    }

    @Test
    void rawUtf8InAQueryIsReadAsUtf8() {
        RawHttp.Answer raw = RawHttp.send("GET /v1/cases?q=Télégram&count=true&limit=1 HTTP/1.1", new byte[0]);
        RawHttp.Answer encoded =
                RawHttp.send("GET /v1/cases?q=T%C3%A9l%C3%A9gram&count=true&limit=1 HTTP/1.1", new byte[0]);
        assertEquals(200, raw.status(), raw.body());
        long total = total(encoded.body());
        assertTrue(total > 0, "the shipped dataset mentions Telegram");
        assertEquals(total, total(raw.body()));
    }

    private static long total(String body) {
        Matcher m = Pattern.compile("\"total_count\":([0-9]+)").matcher(body);
        assertTrue(m.find(), body);
        return Long.parseLong(m.group(1));
    }

    @Test
    void numbersTooLargeToStoreAreA400NamingTheField() {
        long before = counts().get("case_record");
        var body = CaseInputs.valid(COUNTRY);
        body.putArray("prices")
                .addObject()
                .put("amount_min", new java.math.BigDecimal("1e999999"))
                .put("amount_max", new java.math.BigDecimal("2e999999"))
                .put("currency", "EUR")
                .put("unit", "per_firearm");
        assertProblem(
                        asAdmin()
                                .contentType(ContentType.JSON)
                                .body(body.toString())
                                .post("/v1/curation/cases")
                                .then(),
                        400,
                        "invalid-body")
                .body("errors.name", hasItem("prices[0].amount_min"));
        String tiny = CaseInputs.valid(COUNTRY).toString().replace("51.92", "1e-999999");
        assertProblemNames(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(tiny)
                        .post("/v1/curation/cases")
                        .then(),
                400,
                "invalid-body",
                "latitude",
                "number_range");
        assertEquals(before, counts().get("case_record"));
    }

    @Test
    void yearZeroAndUnpairedSurrogatesAreRefused() {
        assertProblemNames(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(CaseInputs.valid(COUNTRY)
                                .put("event_date", "0000-03-04")
                                .toString())
                        .post("/v1/curation/cases")
                        .then(),
                400,
                "invalid-body",
                "event_date",
                "date");
        String surrogate = CaseInputs.valid(COUNTRY).toString().replace("Police searching", "Police \\ud800 searching");
        assertProblemNames(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(surrogate)
                        .post("/v1/curation/cases")
                        .then(),
                400,
                "invalid-body",
                "summary",
                "control_character");
        assertProblemNames(raw().get("/v1/cases?date_from=0000").then(), 400, "invalid-parameter", "date_from");
    }

    @Test
    void anIdempotencyKeyIsOneTo200VisibleAsciiCharacters() {
        long before = counts().get("case_record");
        for (String key : new String[] {"k".repeat(201), "clé", "two words"}) {
            assertProblemNames(
                    asAdmin()
                            .contentType(ContentType.JSON)
                            .header("Idempotency-Key", key)
                            .body(CaseInputs.valid(COUNTRY).toString())
                            .post("/v1/curation/cases")
                            .then(),
                    400,
                    "invalid-parameter",
                    "Idempotency-Key");
        }
        assertEquals(before, counts().get("case_record"));
    }

    @Test
    void problemsNeverEchoMoreThanTheContractAllows() {
        assertProblem(
                        given().header("Accept", "image/" + "x".repeat(6000))
                                .get("/v1/cases")
                                .then(),
                        406,
                        "not-acceptable")
                .body("detail.length()", lessThanOrEqualTo(1000))
                .body("errors.detail*.length()", everyItem(lessThanOrEqualTo(1000)));
        assertProblem(
                        asAdmin()
                                .contentType("text/" + "x".repeat(6000))
                                .body("hello")
                                .post("/v1/curation/cases")
                                .then(),
                        415,
                        "unsupported-media-type")
                .body("detail.length()", lessThanOrEqualTo(1000))
                .body("errors.detail*.length()", everyItem(lessThanOrEqualTo(1000)));
    }

    @Test
    void enumErrorsNameTheRefusedValue() {
        assertProblemNames(
                        asAdmin()
                                .contentType(ContentType.JSON)
                                .body(CaseInputs.valid(COUNTRY)
                                        .put("legal_status", "arrested")
                                        .toString())
                                .post("/v1/curation/cases")
                                .then(),
                        400,
                        "invalid-body",
                        "legal_status",
                        "enum")
                .body("errors.find { it.name == 'legal_status' }.detail", containsString("'arrested'"));
    }

    private Map<String, Long> counts() {
        return Map.of(
                "case_record", count("select count(*) from case_record"),
                "revision", count("select count(*) from revision"),
                "api_token", count("select count(*) from api_token"),
                "release", count("select count(*) from release"));
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
