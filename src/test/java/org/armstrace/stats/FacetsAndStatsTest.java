package org.armstrace.stats;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Facets and statistics agree with counts computed here, independently, from the full list. */
@QuarkusTest
class FacetsAndStatsTest {

    private static final String FILTER = "date_from=2015&date_to=2025";

    private List<Map<String, Object>> all;

    @BeforeEach
    void readEverything() {
        all = given().when()
                .get("/v1/cases?limit=500&" + FILTER)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    @SuppressWarnings("unchecked")
    private static List<String> values(Map<String, Object> record, String field) {
        return switch (field) {
            case "year" -> List.of(((String) record.get("event_date")).substring(0, 4));
            case "channel" -> (List<String>) record.get("channels");
            default -> java.util.Collections.singletonList((String) record.get(field));
        };
    }

    @Test
    void facetsCountTheWholeFilteredSet() {
        JsonPath answer = given().when()
                .get("/v1/cases?limit=1&facet=country,year,channel&facet=case_type&facet_size=100&" + FILTER)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, answer.getList("items").size(), "facets do not depend on the page");
        for (String field : List.of("country", "year", "channel", "case_type")) {
            Map<String, Integer> expected = new TreeMap<>();
            all.forEach(r -> values(r, field).stream()
                    .filter(Objects::nonNull)
                    .forEach(v -> expected.merge(v, 1, Integer::sum)));
            Map<String, Integer> actual = new TreeMap<>();
            answer.getList("facets." + field, Map.class)
                    .forEach(f -> actual.put((String) f.get("value"), (Integer) f.get("count")));
            assertEquals(expected, actual, field);
        }
    }

    @Test
    void facetSizeKeepsTheMostFrequent() {
        List<Integer> counts = given().when()
                .get("/v1/cases?limit=1&facet=country&facet_size=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("facets.country.count");
        assertEquals(2, counts.size());
        assertTrue(counts.get(0) >= counts.get(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTwoWayStatisticAgreesWithTheList() {
        JsonPath stats = given().when()
                .get("/v1/stats?group_by=country&group_by=case_type&sum=persons_arrested&" + FILTER)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<List<String>, long[]> expected = new HashMap<>();
        for (Map<String, Object> r : all) {
            List<String> key = List.of(String.valueOf(r.get("country")), (String) r.get("case_type"));
            long[] agg = expected.computeIfAbsent(key, k -> new long[3]);
            agg[0]++;
            Map<String, Object> count =
                    (Map<String, Object>) ((Map<String, Object>) r.get("counts")).get("persons_arrested");
            if (count != null) {
                agg[1] += ((Number) count.get("value")).longValue();
                agg[2]++;
            }
        }
        Map<List<String>, long[]> actual = new HashMap<>();
        for (Map<String, Object> row : stats.getList("rows", Map.class)) {
            Map<String, Object> keys = (Map<String, Object>) row.get("keys");
            Map<String, Object> sum =
                    (Map<String, Object>) ((Map<String, Object>) row.get("sums")).get("persons_arrested");
            actual.put(List.of(String.valueOf(keys.get("country")), (String) keys.get("case_type")), new long[] {
                ((Number) row.get("records")).longValue(),
                ((Number) sum.get("value")).longValue(),
                ((Number) sum.get("records")).longValue()
            });
        }
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertEquals(
                List.of(v[0], v[1], v[2]),
                List.of(actual.get(k)[0], actual.get(k)[1], actual.get(k)[2]),
                k.toString()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sumsSayWhenTheyIncludeLowerBoundsOrEstimates() {
        JsonPath stats = given().when()
                .get("/v1/stats?group_by=country&sum=persons_arrested")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (Map<String, Object> row : stats.getList("rows", Map.class)) {
            String country = String.valueOf(((Map<String, Object>) row.get("keys")).get("country"));
            List<String> qualifiers = new ArrayList<>();
            given()
                    .when()
                    .get("/v1/cases?limit=500&country=" + country)
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("items.counts.persons_arrested.qualifier", String.class)
                    .stream()
                    .filter(Objects::nonNull)
                    .forEach(qualifiers::add);
            if (country.equals("null")) {
                continue;
            }
            Map<String, Object> sum =
                    (Map<String, Object>) ((Map<String, Object>) row.get("sums")).get("persons_arrested");
            String expected = qualifiers.stream().anyMatch(q -> q.equals("approximately") || q.equals("up_to"))
                    ? "approximately"
                    : qualifiers.stream().anyMatch(q -> q.equals("at_least") || q.equals("more_than"))
                            ? "at_least"
                            : "exact";
            assertEquals(expected, sum.get("qualifier"), country);
        }
    }

    @Test
    void statisticsComeAsCsvToo() {
        String csv = given().accept("text/csv")
                .when()
                .get("/v1/stats?group_by=region&sum=printed_firearms_seized")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract()
                .asString();
        assertEquals(
                "region,records,printed_firearms_seized_sum,printed_firearms_seized_records,printed_firearms_seized_qualifier",
                csv.lines().findFirst().orElseThrow());
        String viaFormat = given().when()
                .get("/v1/stats?group_by=region&sum=printed_firearms_seized&format=csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(csv, viaFormat);
    }

    @Test
    void badGroupingsAndSumsAreNamed() {
        assertProblemNames(given().when().get("/v1/stats").then(), 400, "invalid-parameter", "group_by", "required");
        assertProblemNames(
                given().when().get("/v1/stats?group_by=country,year,case_type").then(),
                400,
                "invalid-parameter",
                "group_by",
                "max_items");
        assertProblemNames(
                given().when().get("/v1/stats?group_by=country,country").then(),
                400,
                "invalid-parameter",
                "group_by",
                "unique");
        assertProblemNames(
                given().when().get("/v1/stats?group_by=shoe_size").then(),
                400,
                "invalid-parameter",
                "group_by",
                "enum");
        assertProblemNames(
                given().when()
                        .get("/v1/stats?group_by=country&sum=guns_printed")
                        .then(),
                400,
                "invalid-parameter",
                "sum",
                "vocabulary");
    }
}
