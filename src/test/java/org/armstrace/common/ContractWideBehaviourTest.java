package org.armstrace.common;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.armstrace.api.model.Role;
import org.armstrace.curation.TokenService;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.ContractOperations;
import org.armstrace.testing.ContractOperations.Operation;
import org.armstrace.testing.HostileInputs;
import org.armstrace.testing.RawHttp;
import org.armstrace.testing.TestRecords;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour that the contract declares for many operations at once, checked for every operation that
 * declares it: a method a path does not have (405 with Allow), an Accept that cannot be served (406), a
 * query parameter the operation does not have (400), a URI over 32768 characters (414), a body of another media type (415) or over the
 * JSON limit (413), an unknown id (404), and If-Match (428 without it, 412 when stale). Each request is
 * otherwise one the operation accepts (the right token, body, record state and ETag), so that the
 * answer is about the one thing that is wrong; and a refused request writes nothing.
 */
@QuarkusTest
class ContractWideBehaviourTest {

    /** Bouvet Island: no real case happens there; the records these tests make stay drafts or unchanged. */
    private static final String COUNTRY = "BV";

    private static final int JSON_LIMIT = 1_048_576;
    private static final ContractOperations CONTRACT = ContractOperations.load();

    @Inject
    Tokens tokens;

    @Inject
    TokenService tokenService;

    @Inject
    TestRecords records;

    @Inject
    EntityManager em;

    private String admin;
    private String draft;
    private String published;
    private long revocable;

    @BeforeEach
    void setUp() {
        admin = tokens.secret(Role.ADMIN);
        draft = records.insert(records.template(COUNTRY, "2024-02-03"), "draft");
        published = records.insert(records.template(COUNTRY, "2024-02-04"), "published");
        revocable = tokenService.create("contract test", Role.CURATOR).getId();
    }

    @Test
    void everyPathAnswers405WithAllowForAMethodItDoesNotDeclare() {
        List<String> paths = CONTRACT.paths().stream()
                .filter(p -> CONTRACT.onTemplate(p).stream().anyMatch(o -> o.declares(405)))
                .toList();
        assertFalse(paths.isEmpty(), "the contract declares 405 somewhere");
        for (String template : paths) {
            Set<String> declared = CONTRACT.onTemplate(template).stream()
                    .map(Operation::method)
                    .collect(Collectors.toSet());
            String path = concrete(template, published, revocable);
            for (String method : ContractOperations.HTTP_METHODS) {
                if (declared.contains(method)) {
                    continue;
                }
                String allow = assertProblem(
                                given().when().request(method, path).then(), 405, "method-not-allowed")
                        .extract()
                        .header("Allow");
                assertEquals(CONTRACT.allowedMethods(template), methods(allow), method + " " + path + ": Allow");
            }
        }
    }

    private static Set<String> methods(String allow) {
        return allow == null
                ? Set.of()
                : Arrays.stream(allow.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyOperationAnswers406ForAnAcceptItCannotProduce() {
        List<Operation> operations = declaring(406);
        for (Operation op : operations) {
            assertProblemNames(
                    send(valid(op).accept("image/png"), op, path(op)).then(),
                    406,
                    "not-acceptable",
                    "Accept",
                    "acceptable");
        }
    }

    @Test
    void everyOperationRefusesAQueryParameterItDoesNotHave() {
        Map<String, Long> before = counts();
        for (Operation op : declaring(400)) {
            assertProblemNames(
                    send(valid(op).queryParam("contry", "FR"), op, path(op)).then(),
                    400,
                    "invalid-parameter",
                    "contry",
                    "unknown_parameter");
        }
        assertEquals(before, counts(), "a refused request writes nothing");
        assertUnchanged();
    }

    @Test
    void everyWriteAnswers415ForATextPlainBody() {
        Map<String, Long> before = counts();
        for (Operation op : declaring(415)) {
            RequestSpecification request = valid(op).contentType("text/plain").body("hello");
            assertProblemNames(
                    send(request, op, path(op)).then(), 415, "unsupported-media-type", "Content-Type", "supported");
        }
        assertEquals(before, counts(), "a refused request writes nothing");
        assertUnchanged();
    }

    @Test
    void everyJsonWriteAnswers413ForABodyOverOneMebibyte() {
        List<Operation> operations =
                declaring(413).stream().filter(op -> jsonType(op) != null).toList();
        assertFalse(operations.isEmpty());
        String large = "{\"summary\": \"" + "x".repeat(JSON_LIMIT) + "\"}";
        Map<String, Long> before = counts();
        for (Operation op : operations) {
            RequestSpecification request =
                    valid(op).contentType(jsonType(op)).body(large.getBytes(StandardCharsets.UTF_8));
            assertProblem(send(request, op, path(op)).then(), 413, "payload-too-large");
        }
        assertEquals(before, counts(), "a refused request writes nothing");
    }

    @Test
    void everyOperationAnswers414ForAUriOverTheLimit() {
        Map<String, Long> before = counts();
        for (Operation op : declaring(414)) {
            String path = path(op);
            String longer = path + (path.contains("?") ? "&" : "?") + "pad=" + "x".repeat(32_768);
            assertProblem(send(valid(op).urlEncodingEnabled(false), op, longer).then(), 414, "uri-too-long");
        }
        assertEquals(before, counts(), "a refused request writes nothing");
        assertUnchanged();
    }

    @Test
    void everyOperationOnAnIdAnswers404ForAnUnknownOne() {
        Map<String, Long> before = counts();
        for (Operation op : declaring(404)) {
            if (op.parameters("path").isEmpty()) {
                continue;
            }
            String path = concrete(op.path(), "AT-999999", 999_999_999L, "9.9.9");
            assertProblem(send(valid(op), op, path).then(), 404, "not-found");
        }
        assertEquals(before, counts(), "a refused request writes nothing");
    }

    @Test
    void everyChangeOfARecordNeedsItsCurrentETag() {
        List<Operation> operations = CONTRACT.all().stream()
                .filter(op -> op.hasParameter("header", "If-Match"))
                .toList();
        assertFalse(operations.isEmpty());
        Map<String, Long> before = counts();
        for (Operation op : operations) {
            RequestSpecification missing = valid(op, null);
            assertProblemNames(
                    send(missing, op, path(op)).then(), 428, "precondition-required", "If-Match", "required");
            RequestSpecification stale = valid(op, "\"v7\"");
            assertProblemNames(
                    send(stale, op, path(op)).then(), 412, "precondition-failed", "If-Match", "current_version");
        }
        assertEquals(before, counts(), "a refused change writes nothing");
        assertUnchanged();
    }

    /**
     * Contract-driven fuzzing: for every operation, control characters and extreme or malformed values in
     * every query and path parameter and in Idempotency-Key, tampered cursors, every string and number of
     * its JSON body made hostile one at a time, and CSV that cannot be read. None may answer a 5xx, and every
     * refusal is a problem document (the contract filter checks each answer against the contract too).
     */
    @Test
    void noHostileInputGetsA5xx() throws Exception {
        int sent = 0;
        List<String> failures = new java.util.ArrayList<>();
        var escaping = new com.fasterxml.jackson.databind.ObjectMapper()
                .writer()
                .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII);
        for (Operation op : CONTRACT.all()) {
            String path = path(op);
            List<ContractOperations.Parameter> query = op.parameters("query");
            for (int i = 0; i < query.size(); i++) {
                ContractOperations.Parameter parameter = query.get(i);
                List<String> values = new java.util.ArrayList<>(HostileInputs.rawValues(i, 5));
                if (parameter.name().equals("cursor")) {
                    values.addAll(HostileInputs.CURSORS);
                }
                for (String value : values) {
                    String suffix = (path.contains("?") ? "&" : "?") + parameter.name() + "=" + value;
                    sent += expectNo5xx(valid(op).urlEncodingEnabled(false), op, path + suffix, failures);
                }
            }
            for (ContractOperations.Parameter parameter : op.parameters("path")) {
                for (String value : List.of("%00", "AT-000001%00", "%C3%28", "x".repeat(300))) {
                    String hostile = op.path().replace("{" + parameter.name() + "}", value);
                    sent += expectNo5xx(valid(op).urlEncodingEnabled(false), op, concreteRest(op, hostile), failures);
                }
            }
            if (op.hasParameter("header", "Idempotency-Key")) {
                for (String key : List.of("k".repeat(201), "cl\u00e9", "two words", "")) {
                    sent += expectNo5xx(valid(op).header("Idempotency-Key", key), op, path, failures);
                }
            }
            String jsonType = jsonType(op);
            if (jsonType != null) {
                String body = validBody(op);
                for (var mutation : HostileInputs.mutations(JSON.readTree(body))) {
                    sent += expectNo5xx(
                            valid(op).contentType(jsonType).body(escaping.writeValueAsBytes(mutation)),
                            op,
                            path,
                            failures);
                }
            }
            if (op.bodyTypes().contains("text/csv")) {
                for (byte[] csv : HostileInputs.CSV_BODIES) {
                    sent += expectNo5xx(valid(op).contentType("text/csv").body(csv), op, path, failures);
                }
                for (var mutation : HostileInputs.mutations(CaseInputs.valid(COUNTRY))) {
                    byte[] row = (escaping.writeValueAsString(mutation) + "\n").getBytes(StandardCharsets.UTF_8);
                    sent += expectNo5xx(
                            valid(op).contentType("application/x-ndjson").body(row), op, path, failures);
                }
            }
            RawHttp.Answer broken = RawHttp.send(
                    op.method() + " " + path + (path.contains("?") ? "&" : "?")
                            + "cursor=%ZZ HTTP/1.1\r\nContent-Length: 0",
                    new byte[0]);
            sent++;
            if (broken.status() >= 500 || !broken.headers().toLowerCase().contains("application/problem+json")) {
                failures.add(op + " ?cursor=%ZZ: " + broken.status());
            }
        }
        System.out.println("Contract fuzzing: " + sent + " hostile requests over "
                + CONTRACT.all().size() + " operations, " + failures.size()
                + " answered a 5xx or without a problem body");
        assertEquals(List.of(), failures);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** Sends and records a failure when the answer is a 5xx or a 4xx without a problem body; returns 1. */
    private static int expectNo5xx(RequestSpecification request, Operation op, String path, List<String> failures) {
        Response answer = request.when().request(op.method(), path);
        int status = answer.statusCode();
        String type = String.valueOf(answer.contentType());
        if (status >= 500 || (status >= 400 && !type.startsWith("application/problem+json"))) {
            failures.add(op + " " + path.substring(0, Math.min(path.length(), 120)) + ": " + status + " " + type);
        }
        return 1;
    }

    /** A path whose hostile parameter is in place, the others filled as {@link #path} fills them. */
    private String concreteRest(Operation op, String template) {
        String id = op.path().startsWith("/v1/curation/tokens/") ? String.valueOf(revocable) : published;
        return template.replace("{version}", "1.0.0")
                .replace("{name}", "cases.csv")
                .replaceAll("\\{[^}]+}", id);
    }

    /** The valid JSON body that {@link #valid} sends for an operation. */
    private static String validBody(Operation op) {
        return switch (op.id()) {
            case "createToken" -> "{\"name\": \"contract test\", \"role\": \"curator\"}";
            case "createDraft", "replaceCase" -> CaseInputs.valid(COUNTRY).toString();
            case "patchCase" -> "{\"outcome\": \"Two men were charged.\", \"latitude\": 51.5}";
            case "retractCase" -> "{\"reason\": \"The seized items were replicas.\"}";
            case "createRelease" -> "{\"version\": \"99.0.0\", \"notes\": \"Never cut.\"}";
            default -> throw new IllegalStateException("teach ContractWideBehaviourTest a valid body for " + op);
        };
    }

    private static List<Operation> declaring(int status) {
        List<Operation> operations =
                CONTRACT.all().stream().filter(op -> op.declares(status)).toList();
        assertFalse(operations.isEmpty(), "the contract declares " + status + " somewhere");
        return operations;
    }

    private static Response send(RequestSpecification request, Operation op, String path) {
        return request.when().request(op.method(), path);
    }

    /** The path of an operation on a record or token in the state that the operation accepts. */
    private String path(Operation op) {
        return switch (op.id()) {
            case "getCase", "getCaseHistory", "retractCase" -> concrete(op.path(), published, revocable);
            case "getCurationCase", "replaceCase", "patchCase", "publishCase" -> concrete(op.path(), draft, revocable);
            case "revokeToken" -> concrete(op.path(), published, revocable);
            case "getRelease", "getReleaseCase", "getReleaseFile", "getReleaseChanges" ->
                concrete(op.path(), published, revocable, "1.0.0");
            case "applyShippedRelease" -> concrete(op.path(), published, revocable, "1.1.0");
            default -> {
                if (op.path().contains("{")) {
                    throw new IllegalStateException(
                            "teach ContractWideBehaviourTest which resource " + op + " acts on");
                }
                yield op.path();
            }
        };
    }

    /** A path template with its parameters filled in, with the shipped release where it names one. */
    private static String concrete(String template, String recordId, long tokenId) {
        return concrete(template, recordId, tokenId, "1.0.0");
    }

    /** The same with this release: a token id on token paths, a record id elsewhere, a file that every release has. */
    private static String concrete(String template, String recordId, long tokenId, String version) {
        String id = template.startsWith("/v1/curation/tokens/") ? String.valueOf(tokenId) : recordId;
        return template.replace("{version}", version)
                .replace("{name}", "cases.csv")
                .replaceAll("\\{[^}]+}", id);
    }

    /** A request that the operation accepts: a strong enough token, its required parameters, If-Match, a valid body. */
    private RequestSpecification valid(Operation op) {
        return valid(op, "\"v1\"");
    }

    /** The same, with the given If-Match (none when null) for the operations that take one. */
    private RequestSpecification valid(Operation op, String ifMatch) {
        RequestSpecification request = given();
        if (op.requiredRole() != null) {
            request.header("Authorization", "Bearer " + admin);
        }
        for (ContractOperations.Parameter parameter : op.parameters()) {
            if (!parameter.required()) {
                continue;
            }
            switch (parameter.in() + " " + parameter.name()) {
                case "path id", "path token_id", "path version", "path name" -> {}
                case "query group_by" -> request.queryParam("group_by", "country");
                case "header If-Match" -> {
                    if (ifMatch != null) {
                        request.header("If-Match", ifMatch);
                    }
                }
                default ->
                    throw new IllegalStateException(
                            "teach ContractWideBehaviourTest a value for " + parameter + " of " + op);
            }
        }
        if (!op.bodyTypes().isEmpty()) {
            switch (op.id()) {
                case "createToken" ->
                    request.contentType("application/json")
                            .body("{\"name\": \"contract test\", \"role\": \"curator\"}");
                case "createDraft", "replaceCase" ->
                    request.contentType("application/json")
                            .body(CaseInputs.valid(COUNTRY).toString());
                case "patchCase" ->
                    request.contentType("application/merge-patch+json")
                            .body("{\"outcome\": \"Two men were charged.\"}");
                case "retractCase" ->
                    request.contentType("application/json").body("{\"reason\": \"The seized items were replicas.\"}");
                case "createRelease" ->
                    request.contentType("application/json")
                            .body("{\"version\": \"99.0.0\", \"notes\": \"Never cut.\"}");
                case "importCases" ->
                    request.contentType("application/x-ndjson")
                            .queryParam("dry_run", true)
                            .body((CaseInputs.valid(COUNTRY) + "\n").getBytes(StandardCharsets.UTF_8));
                default -> throw new IllegalStateException("teach ContractWideBehaviourTest a valid body for " + op);
            }
        }
        return request;
    }

    private static String jsonType(Operation op) {
        return op.bodyTypes().stream()
                .filter(t -> t.equals("application/json") || t.endsWith("+json"))
                .findFirst()
                .orElse(null);
    }

    /** The records these tests act on are as they were made: version 1, same status. */
    private void assertUnchanged() {
        for (Map.Entry<String, String> record :
                Map.of(draft, "draft", published, "published").entrySet()) {
            given().header("Authorization", "Bearer " + admin)
                    .when()
                    .get("/v1/curation/cases/" + record.getKey())
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"v1\"")
                    .body("status", org.hamcrest.Matchers.equalTo(record.getValue()));
        }
    }

    private Map<String, Long> counts() {
        return Map.of(
                "case_record", count("select count(*) from case_record"),
                "revision", count("select count(*) from revision"),
                "api_token", count("select count(*) from api_token"),
                "revoked", count("select count(*) from api_token where revoked_at is not null"),
                "idempotency_key", count("select count(*) from idempotency_key"),
                "release", count("select count(*) from release"));
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
