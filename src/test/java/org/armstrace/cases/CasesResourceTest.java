package org.armstrace.cases;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.armstrace.testing.Shipped;
import org.armstrace.testing.TestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CasesResourceTest {

    private static final String TEST_COUNTRY = "AQ"; // no real case happens in Antarctica

    @Inject
    TestRecords records;

    @AfterEach
    void cleanUp() {
        records.deleteCountry(TEST_COUNTRY);
    }

    @Test
    void listsTheFrenchCasesOfTheShippedDataset() {
        given().when()
                .get("/v1/cases?country=FR&count=true")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("items.country", everyItem(equalTo("FR")))
                .body("items.id", hasItem("AT-000035"))
                .body("total_count", equalTo(Shipped.count(r -> "FR".equals(r.getCountry()))))
                .body("next", nullValue());
    }

    @Test
    void takesRsLogicalsForBooleans() {
        // R writes a logical as TRUE or FALSE (httr2's req_url_query, the generated R client)
        given().when()
                .get("/v1/cases?country=FR&count=TRUE&has_coordinates=TRUE&bom=FALSE")
                .then()
                .statusCode(200)
                .body("items.id", hasItem("AT-000035"))
                .body(
                        "total_count",
                        equalTo(given().when()
                                .get("/v1/cases?country=FR&count=true&has_coordinates=true")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("total_count")));
        given().when()
                .get("/v1/cases?country=FR&count=FALSE")
                .then()
                .statusCode(200)
                .body("total_count", nullValue());
    }

    @Test
    void severalValuesOfOneFilterMeanOr() {
        List<String> countries = given().when()
                .get("/v1/cases?country=fr,BE&limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.country");
        assertEquals(List.of("BE", "FR"), countries.stream().distinct().sorted().toList());
        given().when()
                .get("/v1/cases?country=FR&country=BE&limit=500")
                .then()
                .statusCode(200)
                .body("items", hasSize(countries.size()));
    }

    @Test
    void filtersCombineWithAnd() {
        given().when()
                .get("/v1/cases?country=FR&case_type=network_dismantled&channel=telegram")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of("AT-000035")));
    }

    @Test
    void dateFiltersUseTheWholePeriodOfTheEventDate() {
        String yearOnly = records.insert(records.template(TEST_COUNTRY, "2019"), "published");
        given().when()
                .get("/v1/cases?country=AQ&date_from=2019-06&date_to=2019-07")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(yearOnly)));
        given().when()
                .get("/v1/cases?country=AQ&date_from=2020")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void defaultOrderIsNewestFirst() {
        List<String> dates = given().when()
                .get("/v1/cases?limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.event_date");
        for (int i = 1; i < dates.size(); i++) {
            String previous = dates.get(i - 1);
            String current = dates.get(i);
            assert previous.substring(0, 4).compareTo(current.substring(0, 4)) >= 0
                    : "not newest first: " + previous + " before " + current;
        }
    }

    @Test
    void oneRecordHasItsSourcesAndCounts() {
        given().when()
                .get("/v1/cases/AT-000035")
                .then()
                .statusCode(200)
                .header(
                        "Link",
                        equalTo("</v1/cases/AT-000035>; rel=\"cite-as\", "
                                + "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""))
                .body("id", equalTo("AT-000035"))
                .body("status", equalTo("published"))
                .body("version", equalTo(2)) // as shipped in 1.0.0, corrected in 1.1.0
                .body("counts.persons_arrested.value", equalTo(14))
                .body("counts.printers_seized.value", equalTo(8))
                .body("prices[0].currency", equalTo("EUR"))
                .body("sources.size()", greaterThan(0))
                .body("sources[0].url", notNullValue())
                .body("related_ids", hasItem("AT-000036"));
    }

    @Test
    void draftsAreNotPublic() {
        String draft = records.insert(records.template(TEST_COUNTRY, "2021-03-04"), "draft");
        assertProblem(given().when().get("/v1/cases/" + draft).then(), 404, "not-found");
        given().when().get("/v1/cases?country=AQ").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void unknownIdIsA404Problem() {
        assertProblemNames(given().when().get("/v1/cases/AT-999999").then(), 404, "not-found", "id", "exists");
    }

    @Test
    void badValuesAre400ProblemsNamingTheParameter() {
        assertProblemNames(
                given().when().get("/v1/cases?limit=0").then(), 400, "invalid-parameter", "limit", "minimum");
        assertProblemNames(
                given().when().get("/v1/cases?limit=501").then(), 400, "invalid-parameter", "limit", "maximum");
        assertProblemNames(given().when().get("/v1/cases?limit=abc").then(), 400, "invalid-parameter", "limit", "type");
        assertProblemNames(
                given().when().get("/v1/cases?limit=99999999999999999999999").then(),
                400,
                "invalid-parameter",
                "limit",
                "maximum");
        assertProblemNames(
                given().when().get("/v1/cases?date_from=2024-13").then(),
                400,
                "invalid-parameter",
                "date_from",
                "date");
        assertProblemNames(
                given().when().get("/v1/cases?date_to=2023-02-30").then(), 400, "invalid-parameter", "date_to", "date");
        assertProblemNames(
                given().when().get("/v1/cases?date_from=24").then(), 400, "invalid-parameter", "date_from", "pattern");
        assertProblemNames(
                given().when().get("/v1/cases?date_from=2024&date_to=2023").then(),
                400,
                "invalid-parameter",
                "date_to",
                "range");
        assertProblemNames(
                given().when().get("/v1/cases?country=XX").then(), 400, "invalid-parameter", "country", "iso_3166_1");
        assertProblemNames(
                given().when().get("/v1/cases?country=FRA").then(), 400, "invalid-parameter", "country", "pattern");
        assertProblemNames(
                given().when().get("/v1/cases?case_type=shooting").then(),
                400,
                "invalid-parameter",
                "case_type",
                "enum");
        assertProblemNames(given().when().get("/v1/cases?sort=date").then(), 400, "invalid-parameter", "sort", "enum");
        assertProblemNames(given().when().get("/v1/cases?count=yes").then(), 400, "invalid-parameter", "count", "type");
        assertProblemNames(
                given().when().get("/v1/cases?count=True").then(), 400, "invalid-parameter", "count", "type");
        assertProblemNames(
                given().when().get("/v1/cases?limit=5&limit=6").then(),
                400,
                "invalid-parameter",
                "limit",
                "single_value");
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        assertProblem(
                        given().when()
                                .get("/v1/cases?limit=0&contry=FR&date_from=2024-13")
                                .then(),
                        400,
                        "invalid-parameter")
                .body("errors.name", hasItem("limit"))
                .body("errors.name", hasItem("contry"));
    }

    @Test
    void unknownParametersAreRefusedByName() {
        assertProblemNames(
                given().when().get("/v1/cases?contry=FR").then(),
                400,
                "invalid-parameter",
                "contry",
                "unknown_parameter");
        assertProblemNames(
                given().when().get("/v1/cases/AT-000035?fields=id").then(),
                400,
                "invalid-parameter",
                "fields",
                "unknown_parameter");
    }

    @Test
    void brokenEncodingsAreRefused() {
        assertProblemNames(
                given().urlEncodingEnabled(false)
                        .when()
                        .get("/v1/cases?country=%C3%28")
                        .then(),
                400,
                "invalid-parameter",
                "country",
                "encoding");
    }

    @Test
    void tamperedCursorsAreRefused() {
        String cursor = given().when()
                .get("/v1/cases?limit=1")
                .then()
                .statusCode(200)
                .extract()
                .path("next_cursor");
        assertProblemNames(
                given().when().get("/v1/cases?cursor=" + cursor + "x").then(),
                400,
                "invalid-parameter",
                "cursor",
                "cursor");
        assertProblemNames(
                given().when().get("/v1/cases?cursor=bm90IGEgY3Vyc29y").then(),
                400,
                "invalid-parameter",
                "cursor",
                "cursor");
        assertProblemNames(
                given().when().get("/v1/cases?sort=id&cursor=" + cursor).then(),
                400,
                "invalid-parameter",
                "cursor",
                "cursor");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        assertProblem(given().when().delete("/v1/cases").then(), 405, "method-not-allowed")
                .header("Allow", not(equalTo(null)));
    }

    @Test
    void unacceptableMediaTypeIs406() {
        assertProblemNames(
                given().accept("image/png").when().get("/v1/cases").then(),
                406,
                "not-acceptable",
                "Accept",
                "acceptable");
    }

    @Test
    void unknownPathIs404Problem() {
        assertProblem(given().when().get("/v1/nothing-here").then(), 404, "not-found");
    }
}
