package org.armstrace.cases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.armstrace.testing.TestRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Walking every page returns every matching record exactly once, also when many share a date. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTest {

    private static final String COUNTRY = "BV"; // Bouvet Island: no real case
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Inject
    TestRecords records;

    private final Set<String> expected = new HashSet<>();

    @BeforeAll
    void createRecordsSharingDates() {
        for (int i = 0; i < 23; i++) {
            expected.add(records.insert(records.template(COUNTRY, "2022-05-17"), "published"));
        }
        for (int i = 0; i < 6; i++) {
            expected.add(records.insert(records.template(COUNTRY, "2022-05"), "published"));
            expected.add(records.insert(records.template(COUNTRY, "2021"), "published"));
        }
    }

    @AfterAll
    void removeThem() {
        records.deleteCountry(COUNTRY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-event_date", "event_date", "id", "-id"})
    void followingCursorsVisitsEveryRecordOnce(String sort) {
        for (int limit : new int[] {1, 4, 7, 35, 500}) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = given().queryParam("country", COUNTRY)
                        .queryParam("sort", sort)
                        .queryParam("limit", limit);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.when()
                        .get("/v1/cases")
                        .then()
                        .statusCode(200)
                        .extract()
                        .response();
                List<String> ids = page.jsonPath().getList("items.id");
                assertTrue(ids.size() <= limit);
                seen.addAll(ids);
                cursor = page.jsonPath().getString("next_cursor");
                assertTrue(++pages <= expected.size() + 1, "pagination does not end");
            } while (cursor != null);
            assertEquals(expected.size(), seen.size(), "records repeated or dropped with limit " + limit);
            assertEquals(expected, new HashSet<>(seen));
        }
    }

    @Test
    void theLinkHeaderLeadsToTheNextPageUntilTheLast() {
        List<String> seen = new ArrayList<>();
        String next = "/v1/cases?country=" + COUNTRY + "&limit=10";
        Response last = null;
        while (next != null) {
            Response page = given().urlEncodingEnabled(false)
                    .when()
                    .get(next)
                    .then()
                    .statusCode(200)
                    .extract()
                    .response();
            seen.addAll(page.jsonPath().getList("items.id"));
            String link = page.header("Link");
            next = null;
            if (link != null) {
                Matcher m = NEXT.matcher(link);
                assertTrue(m.find(), "Link header: " + link);
                next = m.group(1);
                assertEquals(page.jsonPath().getString("next"), next);
            }
            last = page;
        }
        assertNull(last.jsonPath().getString("next_cursor"));
        assertEquals(expected, new HashSet<>(seen));
        assertEquals(expected.size(), seen.size());
    }

    @Test
    void newestFirstMeansByPeriodStartThenId() {
        List<String> ids = given().when()
                .get("/v1/cases?country=" + COUNTRY + "&limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.event_date");
        assertEquals("2022-05-17", ids.get(0));
        assertEquals("2021", ids.get(ids.size() - 1));
    }
}
