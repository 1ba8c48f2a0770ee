package org.armstrace.stats;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Full-text search in web-search syntax over the shipped dataset. */
@QuarkusTest
class SearchTest {

    private static List<String> ids(String q) {
        return given().queryParam("q", q)
                .queryParam("limit", 500)
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
    }

    @Test
    void wordsMatchTheirFormsAndSnippetsMarkThem() {
        List<String> telegram = ids("telegram");
        assertTrue(telegram.contains("AT-000035"), telegram.toString());
        given().queryParam("q", "Telegram")
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .body("snippets.'AT-000035'", containsString("<mark>Telegram</mark>"));
        assertTrue(ids("seized").size() > ids("printers seized").size(), "several words all have to match");
    }

    @Test
    void aSearchPinnedToAReleaseMarksSnippetsOfTheSummaryItFroze() {
        String snippet = given().queryParam("q", "Telegram")
                .queryParam("release", "1.0.0")
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .body("items.id", hasItem("AT-000035"))
                .extract()
                .path("snippets.'AT-000035'");
        assertTrue(snippet.contains("<mark>Telegram</mark>"), snippet);
        String frozen = given().when()
                .get("/v1/releases/1.0.0/cases/AT-000035")
                .then()
                .statusCode(200)
                .extract()
                .path("summary");
        for (String part : snippet.replace("<mark>", "").replace("</mark>", "").split(" \\.\\.\\. ")) {
            assertTrue(frozen.contains(part), part + " is not from the frozen summary: " + frozen);
        }
    }

    @Test
    void phrasesOrAndExclusionWork() {
        assertEquals(List.of("AT-000028"), ids("\"gun buyback\""));
        List<String> either = ids("telegram OR darknet");
        assertTrue(either.containsAll(ids("telegram")) && either.containsAll(ids("darknet")));
        List<String> notFrance = ids("telegram -france");
        assertTrue(ids("telegram").contains("AT-000035") && !notFrance.contains("AT-000035"), notFrance.toString());
    }

    @Test
    void accentsDoNotMatterAndSourceTitlesInOtherLanguagesAreSearched() {
        // a French source title of the Marseille-led network: "Démantèlement d'un vaste réseau ..."
        assertTrue(ids("démantèlement").contains("AT-000035"));
        assertTrue(ids("demantelement").contains("AT-000035"));
        assertEquals(new HashSet<>(ids("réseau")), new HashSet<>(ids("reseau")));
    }

    @Test
    void relevanceSortsBestFirstAndPagesLikeAnyOtherSort() {
        List<String> all = ids("telegram");
        List<String> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("q", "telegram")
                    .queryParam("sort", "relevance")
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when()
                    .get("/v1/cases")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            walked.addAll(page.getList("items.id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertEquals(new HashSet<>(all), new HashSet<>(walked));
        assertEquals(all.size(), walked.size());
        assertProblemNames(
                given().queryParam("sort", "relevance").when().get("/v1/cases").then(),
                400,
                "invalid-parameter",
                "sort",
                "needs_query");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"",
                "\"\"\"",
                "\\",
                "\\\\'",
                "-",
                "OR",
                "OR OR",
                "- - -",
                "&|!():*",
                "'); drop table case_record; --",
                "<script>alert(1)</script>",
                "  ",
                "the and of",
                "日本 3Dプリンター",
                "مسدس",
                "x*",
                "@@ to_tsquery"
            })
    void hostileInputAnswers200(String q) {
        given().queryParam("q", q).when().get("/v1/cases").then().statusCode(200);
        given().queryParam("q", q)
                .queryParam("group_by", "country")
                .when()
                .get("/v1/stats")
                .then()
                .statusCode(200);
    }

    @Test
    void overlongInputIsA400NotA500() {
        assertProblemNames(
                given().queryParam("q", "telegram ".repeat(1200))
                        .when()
                        .get("/v1/cases")
                        .then(),
                400,
                "invalid-parameter",
                "q",
                "max_length");
        given().queryParam("q", "a".repeat(1000)).when().get("/v1/cases").then().statusCode(200);
    }

    @Test
    void searchCombinesWithFilters() {
        given().queryParam("q", "telegram")
                .queryParam("country", "GB")
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .body("items.country", everyItem(equalTo("GB")))
                .body("items.id", not(hasItem("AT-000035")));
    }
}
