package org.armstrace.dataset;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.armstrace.api.model.Role;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A fresh install holds every shipped release, each cut as it ships: 1.0.0, then 1.1.0 with exactly the
 * records it adds and corrects, each correction a revision with its note.
 */
@QuarkusTest
class ShippedReleasesTest {

    private static final ShippedReleases RELEASES =
            ShippedReleases.read(ShippedReleases.strict(new ObjectMapper().findAndRegisterModules()));
    private static final ShippedRelease V110 = RELEASES.find("1.1.0").orElseThrow();

    @Inject
    Tokens tokens;

    @Test
    void release110IsCutAsItShipsAfter100() {
        given().when()
                .get("/v1/releases/1.1.0")
                .then()
                .statusCode(200)
                .body("previous_version", equalTo("1.0.0"))
                .body("released_at", equalTo("2026-12-01T00:00:00Z"))
                .body("notes", equalTo(V110.notes()))
                .body("record_count", equalTo(RELEASES.recordsAt("1.1.0").size()));
        given().when().get("/v1/releases/1.0.0").then().statusCode(200).body("record_count", equalTo(46));
    }

    @Test
    void theChangesSince100AreExactlyTheAddedAndTheCorrectedRecords() {
        JsonPath diff = given().queryParam("since", "1.0.0")
                .when()
                .get("/v1/releases/1.1.0/changes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> added = V110.added().stream().map(ShippedRelease.Entry::id).toList();
        List<String> corrected =
                V110.corrected().stream().map(ShippedRelease.Correction::id).toList();
        assertEquals(added.size(), diff.getInt("added"));
        assertEquals(corrected.size(), diff.getInt("updated"));
        assertEquals(0, diff.getInt("retracted"));
        assertEquals(new TreeSet<>(added), new TreeSet<>(diff.getList("items.findAll { it.change == 'added' }.id")));
        assertEquals(
                new TreeSet<>(corrected), new TreeSet<>(diff.getList("items.findAll { it.change == 'updated' }.id")));
        List<Map<String, Object>> marseille = diff.getList("items.findAll { it.id == 'AT-000035' }.patch[0]");
        assertTrue(
                marseille.stream()
                        .anyMatch(op -> "/place".equals(op.get("path")) && "Marseille".equals(op.get("value"))),
                "the patch moves the Marseille-led network to Marseille: " + marseille);
    }

    @Test
    void everyCorrectionIsARevisionWithItsNote() {
        for (ShippedRelease.Correction correction : V110.corrected()) {
            JsonPath history = given().when()
                    .get("/v1/cases/" + correction.id() + "/history")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<String> notes = history.getList("items.note");
            assertTrue(notes.contains(V110.correctionNote(correction)), correction.id() + ": " + notes);
            assertTrue(notes.contains("shipped dataset 1.0.0"), correction.id() + " keeps its first revision");
        }
        given().when()
                .get("/v1/cases/AT-000047/history")
                .then()
                .statusCode(200)
                .body("items.note", equalTo(List.of("shipped dataset 1.1.0")));
    }

    @Test
    void anAdminCannotApplyAReleaseTwiceNorOneThatDoesNotShip() {
        String admin = tokens.secret(Role.ADMIN);
        assertProblemNames(
                given().header("Authorization", "Bearer " + admin)
                        .queryParam("dry_run", true)
                        .when()
                        .post("/v1/curation/shipped-releases/1.1.0")
                        .then(),
                409,
                "conflict",
                "version");
        assertProblemNames(
                given().header("Authorization", "Bearer " + admin)
                        .when()
                        .post("/v1/curation/shipped-releases/9.9.9")
                        .then(),
                404,
                "not-found",
                "version");
        assertProblemNames(
                given().header("Authorization", "Bearer " + admin)
                        .queryParam("dry_run", "perhaps")
                        .when()
                        .post("/v1/curation/shipped-releases/1.1.0")
                        .then(),
                400,
                "invalid-parameter",
                "dry_run");
        given().header("Authorization", "Bearer " + tokens.secret(Role.EDITOR))
                .when()
                .post("/v1/curation/shipped-releases/1.1.0")
                .then()
                .statusCode(403);
        given().when().post("/v1/curation/shipped-releases/1.1.0").then().statusCode(401);
    }
}
