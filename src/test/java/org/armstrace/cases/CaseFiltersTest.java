package org.armstrace.cases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each filter answers exactly the records that the test picks out itself from the full list. */
@QuarkusTest
class CaseFiltersTest {

    private List<Map<String, Object>> all;

    @BeforeEach
    void readEverything() {
        all = given().when()
                .get("/v1/cases?limit=500&sort=id")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("legal_status=convicted", is("legal_status", "convicted")),
                Arguments.of(
                        "legal_status=charged,under_investigation",
                        is("legal_status", "charged").or(is("legal_status", "under_investigation"))),
                Arguments.of("confidence=medium", is("confidence", "medium")),
                Arguments.of("uncertain=true", (Predicate<Map<String, Object>>) r -> (Boolean) r.get("uncertain")),
                Arguments.of("uncertain=false", (Predicate<Map<String, Object>>) r -> !(Boolean) r.get("uncertain")),
                Arguments.of("payment_method=cryptocurrency", has("payment_methods", "cryptocurrency")),
                Arguments.of("channel=telegram", has("channels", "telegram")),
                Arguments.of("context=extremist_far_right", is("context", "extremist_far_right")),
                Arguments.of(
                        "weapon_3d_role=hybrid&weapon_3d_role=fully_printed",
                        is("weapon_3d_role", "hybrid").or(is("weapon_3d_role", "fully_printed"))),
                Arguments.of("source_type=court_record", sourceOfType("court_record")),
                Arguments.of("has_coordinates=false", (Predicate<Map<String, Object>>) r -> r.get("latitude") == null),
                Arguments.of("has_coordinates=true", (Predicate<Map<String, Object>>) r -> r.get("latitude") != null),
                Arguments.of(
                        "country=GB&case_type=conviction&context=extremist_far_right",
                        is("country", "GB")
                                .and(is("case_type", "conviction"))
                                .and(is("context", "extremist_far_right"))),
                Arguments.of(
                        "region=europe",
                        inCountries(
                                "FR", "GB", "NL", "DE", "ES", "IE", "SE", "IS", "BE", "IT", "AT", "CZ", "FI", "NO",
                                "PT", "SI", "SK", "UA")),
                Arguments.of("region=americas,oceania", inCountries("US", "AU", "CA", "BR", "CL", "MX", "NZ", "TT")),
                Arguments.of("date_from=2022&date_to=2022", (Predicate<Map<String, Object>>)
                        r -> ((String) r.get("event_date")).startsWith("2022")));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void filterMatchesAnIndependentSelection(String query, Predicate<Map<String, Object>> expected) {
        List<Object> want = all.stream().filter(expected).map(r -> r.get("id")).toList();
        JsonPath answer = given().when()
                .get("/v1/cases?limit=500&sort=id&count=true&" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(want, answer.getList("items.id"), query);
        assertEquals(want.size(), answer.getInt("total_count"), query);
        assertFalse(want.isEmpty() && !query.contains("=false"), "a filter test needs matching data: " + query);
    }

    private static Predicate<Map<String, Object>> inCountries(String... countries) {
        return r -> List.of(countries).contains(String.valueOf(r.get("country")));
    }

    private static Predicate<Map<String, Object>> is(String field, String value) {
        return r -> value.equals(r.get(field));
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Map<String, Object>> has(String field, String value) {
        return r -> ((List<String>) r.get(field)).contains(value);
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Map<String, Object>> sourceOfType(String type) {
        return r -> ((List<Map<String, Object>>) r.get("sources"))
                .stream().anyMatch(s -> type.equals(s.get("source_type")));
    }
}
