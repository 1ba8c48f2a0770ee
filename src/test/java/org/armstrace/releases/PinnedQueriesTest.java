package org.armstrace.releases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.junit.jupiter.api.Test;

/**
 * Filters and statistics pinned to a release read what the cut froze beside its records (their source
 * types and counts): they agree with the frozen records themselves.
 */
@QuarkusTest
class PinnedQueriesTest {

    private static final String RELEASE = "1.0.0";

    @Inject
    Jdbc db;

    /**
     * A cut of {@link ReleaseCutter#ANALYZE_AFTER_RECORDS} records or more refreshes the planner's statistics of the
     * frozen rows before it commits; a column the schema does not have would fail every such cut with a 500, so the
     * statement runs here as it is, and must leave statistics of the release's rows.
     */
    @Test
    void theStatisticsALargeCutRefreshesAreOfTheFrozenRows() {
        db.run(Sql.of(ReleaseCutter.ANALYZE));
        assertEquals(
                1,
                db.count(Sql.of(
                        "select count(*) from pg_stats where tablename = 'release_case' and attname = 'event_start'")));
    }

    /** The records of a list pinned to the release, with these filters. */
    private static List<Map<String, Object>> pinned(Map<String, String> filters) {
        return given().queryParam("release", RELEASE)
                .queryParam("limit", 500)
                .queryParams(filters)
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    private static List<Map<String, Object>> frozen() {
        List<Map<String, Object>> items = pinned(Map.of());
        assertFalse(items.isEmpty());
        return items;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSourceTypeFilterFindsTheRecordsWithSuchASource() {
        Map<String, Set<String>> byType = new HashMap<>();
        for (Map<String, Object> record : frozen()) {
            for (Map<String, Object> source : (List<Map<String, Object>>) record.get("sources")) {
                byType.computeIfAbsent((String) source.get("source_type"), t -> new TreeSet<>())
                        .add((String) record.get("id"));
            }
        }
        assertFalse(byType.size() < 2, "the shipped release has sources of several types: " + byType.keySet());
        byType.forEach((type, ids) -> assertEquals(
                ids,
                new TreeSet<>(pinned(Map.of("source_type", type)).stream()
                        .map(record -> (String) record.get("id"))
                        .toList()),
                type));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStatisticSumsTheFrozenCounts() {
        Map<String, long[]> expected = new HashMap<>();
        for (Map<String, Object> record : frozen()) {
            long[] sums = expected.computeIfAbsent(String.valueOf(record.get("country")), c -> new long[3]);
            sums[0]++;
            Map<String, Object> count =
                    (Map<String, Object>) ((Map<String, Object>) record.get("counts")).get("persons_arrested");
            if (count != null) {
                sums[1] += ((Number) count.get("value")).longValue();
                sums[2]++;
            }
        }
        assertFalse(
                expected.values().stream().allMatch(sums -> sums[1] == 0),
                "the shipped release reports persons arrested");
        JsonPath stats = given().queryParam("release", RELEASE)
                .queryParam("group_by", "country")
                .queryParam("sum", "persons_arrested")
                .when()
                .get("/v1/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> row : stats.getList("rows", Map.class)) {
            String country = String.valueOf(((Map<String, Object>) row.get("keys")).get("country"));
            Map<String, Object> sum =
                    (Map<String, Object>) ((Map<String, Object>) row.get("sums")).get("persons_arrested");
            long[] want = expected.get(country);
            assertEquals(
                    List.of(want[0], want[1], want[2]),
                    List.of(
                            ((Number) row.get("records")).longValue(),
                            ((Number) sum.get("value")).longValue(),
                            ((Number) sum.get("records")).longValue()),
                    country);
            seen.add(country);
        }
        assertEquals(expected.keySet(), seen);
    }
}
