package org.armstrace.dataset;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CuratorActions;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * An install that holds 1.0.0 and whose curators changed things does not receive 1.1.0 by itself: an
 * admin reviews it (dry run: nothing written) and applies it; nothing the curators did is overwritten.
 */
@QuarkusTest
@TestProfile(ShippedReleaseReviewTest.HeldAt100.class)
class ShippedReleaseReviewTest {

    /** An install that stopped at the first shipped release (as one built before 1.1.0 shipped). */
    public static class HeldAt100 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("armstrace.dataset.up-to", "1.0.0");
        }
    }

    private static final ShippedRelease V110 = ShippedReleases.read(
                    ShippedReleases.strict(new ObjectMapper().findAndRegisterModules()))
            .find("1.1.0")
            .orElseThrow();

    @Inject
    Tokens tokens;

    @Test
    void curatorsChangesSurviveAReviewedApplyOf110() {
        given().when().get("/v1/releases/latest").then().statusCode(200).body("version", equalTo("1.0.0"));
        String editor = tokens.secret(Role.EDITOR);
        String admin = tokens.secret(Role.ADMIN);
        // a curator's own record takes the first free id, AT-000047, which 1.1.0 ships for one of its records
        String own = CuratorActions.publishNew(editor, "GL");
        assertEquals("AT-000047", own);
        // and an editor corrected a record that 1.1.0 corrects too
        CuratorActions.correctOutcome(editor, "AT-000035", 1, "Corrected by this install's editor.");
        long before = total();

        JsonPath dry = apply(admin, true);
        assertTrue(dry.getBoolean("dry_run"));
        String renumbered = dry.getString("renumbered.'AT-000047'");
        assertNotEquals(null, renumbered, "the shipped AT-000047 gets a free id here");
        assertTrue(renumbered.compareTo("AT-000200") > 0, "above every id 1.1.0 ships: " + renumbered);
        assertFalse(dry.getList("added").contains("AT-000047"), "AT-000047 stays the curators' record");
        assertEquals(V110.added().size(), dry.getList("added").size());
        assertEquals(List.of("AT-000035"), dry.getList("skipped.id"));
        assertEquals(V110.corrected().size() - 1, dry.getList("corrected").size());
        assertEquals(before, total(), "a dry run writes nothing");
        given().when().get("/v1/cases/AT-000005").then().statusCode(200).body("version", equalTo(1));

        JsonPath done = apply(admin, false);
        assertFalse(done.getBoolean("dry_run"));
        String shipped47 = done.getString("renumbered.'AT-000047'");
        assertEquals(before + V110.added().size(), total());
        given().when()
                .get("/v1/cases/AT-000035")
                .then()
                .body("outcome", equalTo("Corrected by this install's editor."))
                .body("place", equalTo("Roquebrune-sur-Argens"));
        given().when()
                .get("/v1/cases/AT-000005/history")
                .then()
                .body(
                        "items[-1].note",
                        equalTo(V110.correctionNote(V110.corrected().stream()
                                .filter(c -> c.id().equals("AT-000005"))
                                .findFirst()
                                .orElseThrow())));
        given().when()
                .get("/v1/cases/" + shipped47)
                .then()
                .statusCode(200)
                .body("summary", equalTo(V110.added().get(0).content().getSummary()));
        given().when().get("/v1/cases/" + own).then().statusCode(200).body("country", equalTo("GL"));
        // links to the renumbered record follow it
        for (ShippedRelease.Entry linking : V110.added()) {
            if (linking.content().getRelatedIds().contains("AT-000047")) {
                String id = done.getString("renumbered.'" + linking.id() + "'");
                List<String> related = given().when()
                        .get("/v1/cases/" + (id != null ? id : linking.id()))
                        .then()
                        .extract()
                        .path("related_ids");
                assertTrue(related.contains(shipped47), linking.id() + " links to " + shipped47 + ": " + related);
                assertFalse(related.contains(own), linking.id() + " does not link to the curators' record");
            }
        }
        given().when().get("/v1/releases/latest").then().body("version", equalTo("1.0.0"));
        assertProblemNames(
                given().header("Authorization", "Bearer " + admin)
                        .when()
                        .post("/v1/curation/shipped-releases/1.1.0")
                        .then(),
                409,
                "conflict",
                "version");
    }

    private static JsonPath apply(String admin, boolean dryRun) {
        return given().header("Authorization", "Bearer " + admin)
                .queryParam("dry_run", dryRun)
                .when()
                .post("/v1/curation/shipped-releases/1.1.0")
                .then()
                .statusCode(200)
                .body("version", equalTo("1.1.0"))
                .extract()
                .jsonPath();
    }

    private static long total() {
        return given().queryParam("count", true)
                .queryParam("limit", 1)
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total_count");
    }
}
