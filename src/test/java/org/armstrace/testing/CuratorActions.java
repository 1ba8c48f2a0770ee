package org.armstrace.testing;

import static io.restassured.RestAssured.given;

/** What curators do through the API, for tests that need records with real revisions. */
public final class CuratorActions {

    private CuratorActions() {}

    /** Creates a valid draft in the given country and publishes it; the record is then at version 2. */
    public static String publishNew(String editor, String country) {
        String id = given().header("Authorization", "Bearer " + editor)
                .contentType("application/json")
                .body(CaseInputs.valid(country).toString())
                .when()
                .post("/v1/curation/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", "Bearer " + editor)
                .header("If-Match", "\"v1\"")
                .when()
                .post("/v1/curation/cases/" + id + "/publish")
                .then()
                .statusCode(200);
        return id;
    }

    /** Corrects a record's outcome (a JSON Merge Patch) at the given version. */
    public static void correctOutcome(String editor, String id, int version, String outcome) {
        given().header("Authorization", "Bearer " + editor)
                .header("If-Match", "\"v" + version + "\"")
                .contentType("application/merge-patch+json")
                .body("{\"outcome\": \"" + outcome + "\"}")
                .when()
                .patch("/v1/curation/cases/" + id)
                .then()
                .statusCode(200);
    }
}
