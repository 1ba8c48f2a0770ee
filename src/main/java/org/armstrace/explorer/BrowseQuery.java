package org.armstrace.explorer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.armstrace.api.model.ProblemError;
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CaseSort;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.http.Contract;
import org.armstrace.common.http.ParameterSpec;
import org.armstrace.common.http.QueryValues;

/**
 * The browse page's URL: the filters of {@code GET /v1/cases} under the same names, checked by the same
 * contract rules, so that a view can be shared, reproduced, and turned into an API call or a download by
 * changing the path. Empty form fields are ignored.
 */
record BrowseQuery(Map<String, List<String>> values, CaseFilter filter, CaseSort sort, int limit) {

    /** The parameters of the list that a person can set on the page (exports and facets are the page's own). */
    static final Set<String> NAMES = Set.of(
            "country",
            "region",
            "case_type",
            "context",
            "weapon_3d_role",
            "channel",
            "legal_status",
            "confidence",
            "uncertain",
            "payment_method",
            "source_type",
            "has_coordinates",
            "date_from",
            "date_to",
            "q",
            "sort",
            "limit",
            "cursor",
            "release");

    static final int DEFAULT_LIMIT = 25;

    /** Checks the query against the contract's rules for {@code listCases}; an {@link ApiProblem} names each bad value. */
    static BrowseQuery parse(Map<String, List<String>> query, Contract contract) {
        Map<String, ParameterSpec> specs =
                contract.operation("listCases").orElseThrow().queryParameters();
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<ProblemError> errors = new ArrayList<>();
        query.forEach((name, given) -> {
            List<String> nonEmpty = given.stream().filter(v -> !v.isBlank()).toList();
            if (nonEmpty.isEmpty()) {
                return;
            }
            if (!NAMES.contains(name) || !specs.containsKey(name)) {
                errors.add(ApiProblem.queryError(
                        name, "unknown_parameter", "is not a filter of this page; known: " + String.join(", ", NAMES)));
                return;
            }
            errors.addAll(specs.get(name).check(nonEmpty));
            values.put(name, nonEmpty);
        });
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidParameters(errors);
        }
        String q = first(values, "q");
        String sortCode = first(values, "sort");
        CaseFilter filter = CaseFilter.of(
                values.get("country"),
                values.get("region"),
                values.get("case_type"),
                values.get("context"),
                values.get("weapon_3d_role"),
                values.get("channel"),
                values.get("legal_status"),
                values.get("confidence"),
                bool(values, "uncertain"),
                values.get("payment_method"),
                values.get("source_type"),
                bool(values, "has_coordinates"),
                first(values, "date_from"),
                first(values, "date_to"),
                q);
        CaseSort sort = sortCode != null ? CaseSort.of(sortCode) : CaseSort.EVENT_DATE_DESC;
        String limit = first(values, "limit");
        return new BrowseQuery(values, filter, sort, limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit));
    }

    String cursor() {
        return first(values, "cursor");
    }

    String release() {
        return first(values, "release");
    }

    /** Whether a value of a list filter is chosen (for the page's checkboxes). */
    boolean has(String name, String value) {
        return QueryValues.split(values.get(name)).contains(value);
    }

    String value(String name) {
        return first(values, name);
    }

    /** This view's query string with some parameters changed (null removes one), without a leading "?". */
    String with(String... pairs) {
        Map<String, List<String>> changed = new LinkedHashMap<>(values);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                changed.remove(pairs[i]);
            } else {
                changed.put(pairs[i], List.of(pairs[i + 1]));
            }
        }
        return encode(changed);
    }

    /** The same filters as an export of {@code /v1/cases} in a format (every matching record, not a page). */
    String download(String format) {
        Map<String, List<String>> export = new LinkedHashMap<>(values);
        export.remove("cursor");
        export.remove("limit");
        if (CaseSort.RELEVANCE.code().equals(first(values, "sort"))) {
            export.remove("sort");
        }
        export.put("format", List.of(format));
        return "/v1/cases?" + encode(export);
    }

    static String encode(Map<String, List<String>> values) {
        List<String> pairs = new ArrayList<>();
        values.forEach((name, list) ->
                list.forEach(v -> pairs.add(name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }

    private static String first(Map<String, List<String>> values, String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    private static Boolean bool(Map<String, List<String>> values, String name) {
        String value = first(values, name);
        return value == null ? null : Boolean.valueOf(value);
    }
}
