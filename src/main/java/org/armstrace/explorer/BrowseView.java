package org.armstrace.explorer;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.armstrace.api.model.FacetValue;
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CasePage;
import org.armstrace.cases.CaseService;
import org.armstrace.cases.Dimension;
import org.armstrace.cases.Facets;
import org.armstrace.common.http.Contract;
import org.armstrace.common.http.QueryValues;

/** The browse page's content: one page of the list, the facet counts beside the filters, and its links. */
final class BrowseView {

    /** A row of the list; {@code snippet} is HTML (escaped text with {@code <mark>} around the matches). */
    @TemplateData
    record Row(String id, String date, String heading, String summary, String snippet, boolean uncertain) {}

    /** A value to filter by, with the number of records it would match given the other filters. */
    @TemplateData
    record Option(String value, String label, Long count, boolean checked) {}

    /** The checkboxes of one filter. */
    @TemplateData
    record Group(String name, String legend, List<Option> options) {}

    /** Filters with facet counts: parameter name, dimension, vocabulary, legend. */
    private static final List<String[]> FACETED = List.of(
            new String[] {"case_type", "case_type", "Type of case"},
            new String[] {"country", "country", "Country"},
            new String[] {"context", "context", "Context"},
            new String[] {"weapon_3d_role", "weapon_3d_role", "Role of 3D printing"},
            new String[] {"channel", "channel", "Channel"},
            new String[] {"legal_status", "legal_status", "Legal status"},
            new String[] {"confidence", "confidence", "Confidence"},
            new String[] {"payment_method", "payment_method", "Payment method"});

    private BrowseView() {}

    static List<Row> rows(CasePage page, ExplorerData data, Labels labels) {
        List<Row> rows = new ArrayList<>();
        for (byte[] document : page.documents()) {
            Map<String, Object> r = data.record(document);
            String id = (String) r.get("id");
            String snippet = page.snippets() == null ? null : page.snippets().get(id);
            rows.add(new Row(
                    id,
                    (String) r.get("event_date"),
                    labels.of("case_type", (String) r.get("case_type")) + ", " + CaseView.where(r),
                    (String) r.get("summary"),
                    snippet == null ? null : marked(snippet),
                    Boolean.TRUE.equals(r.get("uncertain"))));
        }
        return rows;
    }

    /** The snippet's text escaped, its {@code <mark>} tags (put there by the search) kept. */
    static String marked(String snippet) {
        return Svg.escape(snippet).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>");
    }

    /**
     * The filter groups with their counts: each filter's counts over the records that the other filters
     * match (so that choosing France still shows how many Belgian records adding Belgium would bring).
     */
    static List<Group> groups(BrowseQuery query, Facets facets, CaseService cases, Contract contract, Labels labels) {
        List<Group> groups = new ArrayList<>();
        for (String[] f : FACETED) {
            Map<String, List<String>> others = new LinkedHashMap<>(query.values());
            others.remove(f[0]);
            others.remove("cursor");
            CaseFilter filter = BrowseQuery.parse(others, contract).filter().in(cases.scope(query.release()));
            Dimension dimension = Dimension.of(f[1]).orElseThrow();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (FacetValue value :
                    facets.count(filter, List.of(dimension), 300).get(dimension.code())) {
                counts.put(value.getValue(), value.getCount());
            }
            Set<String> values = new LinkedHashSet<>();
            if ("country".equals(f[0])) {
                values.addAll(counts.keySet());
            } else {
                labels.vocabulary(f[0]).keySet().stream()
                        .filter(counts::containsKey)
                        .forEach(values::add);
            }
            values.addAll(QueryValues.split(query.values().get(f[0])));
            groups.add(new Group(
                    f[0],
                    f[2],
                    values.stream()
                            .map(v -> new Option(v, labels.of(f[0], v), counts.getOrDefault(v, 0L), query.has(f[0], v)))
                            .toList()));
        }
        groups.add(new Group(
                "source_type",
                "Has a source of type",
                labels.vocabulary("source_type").entrySet().stream()
                        .map(e -> new Option(e.getKey(), e.getValue(), null, query.has("source_type", e.getKey())))
                        .toList()));
        return groups;
    }
}
