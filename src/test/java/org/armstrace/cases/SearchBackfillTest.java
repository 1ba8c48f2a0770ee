package org.armstrace.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.junit.jupiter.api.Test;

/**
 * A record whose rendition has an empty search text (a database from before search existed, after
 * schema V15 moved the texts to renditions) cannot be found by search until the start-up backfill gives it
 * a new rendition with its search text; its public forms stay the same bytes.
 */
@QuarkusTest
class SearchBackfillTest {

    private static final String ID = "AT-000012";

    @Inject
    Jdbc db;

    @Inject
    SearchBackfill backfill;

    @Test
    void aRecordWithoutSearchTextGetsARenditionWithItAndIsFoundAgain() {
        String[] words = db.list(
                        Sql.of(
                                "select s.search_main from case_record c join rendition_search s"
                                        + " on s.rendition_id = c.rendition_id where c.public_id = ?",
                                ID),
                        row -> row.getString(1))
                .get(0)
                .replace("\"", "")
                .split("\\s+");
        // a phrase of its summary, in web-search syntax: this record's words, not a common one
        String phrase = "\"" + String.join(" ", java.util.Arrays.copyOfRange(words, 0, 5)) + "\"";
        String document = document();
        QuarkusTransaction.requiringNew().run(() -> {
            // as V15 leaves such a record: the same forms, in a rendition whose search text is empty
            long unsearchable = db.list(
                            Sql.of(
                                    "insert into rendition (document, csv_row, geometry) select d.document, d.csv_row,"
                                            + " d.geometry from case_record c join rendition d on d.id = c.rendition_id"
                                            + " where c.public_id = ? returning id",
                                    ID),
                            row -> row.getLong(1))
                    .get(0);
            db.update(Sql.of(
                    "insert into rendition_search (rendition_id, search_main, search_extra) values (?, '', '')",
                    unsearchable));
            db.update(Sql.of("update case_record set rendition_id = ? where public_id = ?", unsearchable, ID));
        });
        long before = rendition();
        given().queryParam("q", phrase)
                .queryParam("limit", 100)
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(ID)));

        backfill.onStart(null);

        assertNotEquals(before, rendition(), "a new rendition: renditions never change");
        assertEquals(document, document(), "the same public forms");
        // another page size: the backfill runs at start, before any answer is remembered, and writes no
        // revision, so the answer remembered above would still be served for the same request
        given().queryParam("q", phrase)
                .queryParam("limit", 99)
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(ID));
        given().when().get("/v1/cases/" + ID).then().statusCode(200).body("id", equalTo(ID));
    }

    private long rendition() {
        return db.list(Sql.of("select rendition_id from case_record where public_id = ?", ID), row -> row.getLong(1))
                .get(0);
    }

    private String document() {
        return db.list(
                        Sql.of(
                                "select d.document from case_record c join rendition d on d.id = c.rendition_id"
                                        + " where c.public_id = ?",
                                ID),
                        row -> row.getString(1))
                .get(0);
    }
}
