package org.armstrace.curation;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.TestRecords;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every operation that the contract marks with x-required-role, called without a token, with a
 * malformed one, with a revoked one and with too small a role: each answers 401 or 403 with a
 * problem body, and nothing is written.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final List<Role> RANKS = List.of(Role.CURATOR, Role.EDITOR, Role.ADMIN);

    @Inject
    Tokens tokens;

    @Inject
    TestRecords records;

    @Inject
    EntityManager em;

    /** One protected operation of the contract. */
    record Operation(String method, String path, String id, Role role) {}

    @Test
    void everyProtectedOperationRefusesWithoutAStrongEnoughToken() throws Exception {
        String draft = records.insert(records.template("AQ", "2020-01-01"), "draft");
        Map<Role, String> secrets =
                Map.of(Role.CURATOR, tokens.secret(Role.CURATOR), Role.EDITOR, tokens.secret(Role.EDITOR));
        String revoked = tokens.revoked();
        List<Operation> operations = protectedOperations();
        assertTrue(operations.size() >= 11, "the contract's protected operations: " + operations);
        Map<String, Long> before = counts();
        for (Operation op : operations) {
            // token ids are numbers; every other {id} is a record's public id
            String path = op.path()
                    .replace("{id}", op.path().startsWith("/v1/curation/tokens/") ? "1" : draft)
                    .replace("{version}", "1.1.0");
            String what = op.id() + " " + op.method() + " " + path;
            assertProblem(send(given(), op, path).then(), 401, "unauthorized")
                    .header("WWW-Authenticate", startsWith("Bearer"));
            for (String malformed :
                    List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer short", "Bearer " + "x".repeat(300))) {
                assertProblem(
                        send(given().header("Authorization", malformed), op, path)
                                .then(),
                        401,
                        "unauthorized");
            }
            assertProblem(
                    send(given().header("Authorization", "Bearer " + revoked), op, path)
                            .then(),
                    401,
                    "unauthorized");
            assertProblem(
                    send(given().header("Authorization", "Bearer " + "at_unknownunknownunknown"), op, path)
                            .then(),
                    401,
                    "unauthorized");
            for (Role role : RANKS.subList(0, RANKS.indexOf(op.role()))) {
                assertProblem(
                        send(given().header("Authorization", "Bearer " + secrets.get(role)), op, path)
                                .then(),
                        403,
                        "forbidden");
            }
            assertEquals(before, counts(), "nothing may be written by " + what);
        }
    }

    private io.restassured.response.Response send(RequestSpecification request, Operation op, String path) {
        switch (op.id()) {
            case "createDraft", "replaceCase" ->
                request.contentType("application/json")
                        .body(CaseInputs.valid("AQ").toString());
            case "patchCase" ->
                request.contentType("application/merge-patch+json").body("{\"outcome\": \"x\"}");
            case "retractCase" ->
                request.contentType("application/json").body("{\"reason\": \"A reason long enough.\"}");
            case "createToken" ->
                request.contentType("application/json").body("{\"name\": \"x\", \"role\": \"admin\"}");
            case "createRelease" ->
                request.contentType("application/json").body("{\"version\": \"99.0.0\", \"notes\": \"x\"}");
            case "importCases" ->
                request.contentType("application/x-ndjson")
                        .body((CaseInputs.valid("AQ").toString() + "\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> {}
        }
        request.header("If-Match", "\"v1\"");
        return request.when().request(op.method(), path);
    }

    private Map<String, Long> counts() {
        return Map.of(
                "case_record",
                count("case_record"),
                "revision",
                count("revision"),
                "api_token",
                count("api_token"),
                "revoked",
                ((Number) em.createNativeQuery("select count(*) from api_token where revoked_at is not null")
                                .getSingleResult())
                        .longValue(),
                "idempotency_key",
                count("idempotency_key"),
                "release",
                count("release"));
    }

    private long count(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }

    private static List<Operation> protectedOperations() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("openapi", "openapi.yaml").toFile());
        List<Operation> operations = new ArrayList<>();
        contract.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (op.getValue().has("x-required-role")) {
                        operations.add(new Operation(
                                op.getKey().toUpperCase(),
                                path.getKey(),
                                op.getValue().path("operationId").asText(),
                                Role.fromValue(
                                        op.getValue().path("x-required-role").asText())));
                    }
                }));
        return operations;
    }
}
