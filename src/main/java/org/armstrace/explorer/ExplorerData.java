package org.armstrace.explorer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.armstrace.api.model.StatsRow;
import org.armstrace.api.model.StatsSum;
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CasePage;
import org.armstrace.cases.CaseScope;
import org.armstrace.cases.CaseService;
import org.armstrace.cases.CaseSort;
import org.armstrace.cases.Dimension;
import org.armstrace.stats.StatsService;

/**
 * What the pages show, read through the services that answer the API (cases, facets, statistics,
 * releases): the explorer has no query of its own.
 */
@ApplicationScoped
public class ExplorerData {

    /** The most points a map draws; the GeoJSON export has every one. */
    static final int MAP_POINTS = 3000;

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {};

    private final CaseService cases;
    private final StatsService stats;
    private final Labels labels;
    private final ObjectMapper json = new ObjectMapper();

    public ExplorerData(CaseService cases, StatsService stats, Labels labels) {
        this.cases = cases;
        this.stats = stats;
        this.labels = labels;
    }

    Map<String, Object> record(byte[] document) {
        try {
            return json.readValue(document, RECORD);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored document is not JSON", e);
        }
    }

    /** Every record or every record of a release. */
    CaseFilter all(String release) {
        return CaseFilter.builder().build().in(release == null ? CaseScope.LIVE : cases.scope(release));
    }

    /** The four at-a-glance charts; {@code release} null for the live dataset. */
    List<Charts.Chart> charts(String release) {
        CaseFilter filter = all(release);
        String pin = release == null ? "" : "&release=" + release;
        Map<String, Map<String, Long>> byYear = new LinkedHashMap<>();
        for (StatsRow row : stats.group(filter, List.of(Dimension.YEAR, Dimension.CASE_TYPE), List.of())
                .getRows()) {
            String year = row.getKeys().get("year");
            if (year != null) {
                byYear.computeIfAbsent(year, y -> new LinkedHashMap<>())
                        .merge(row.getKeys().get("case_type"), row.getRecords(), Long::sum);
            }
        }
        List<Charts.Chart> charts = new ArrayList<>();
        charts.add(Charts.stackedByYear(
                "chart-year",
                "Cases by year and case type",
                byYear,
                labels.vocabulary("case_type"),
                "/v1/stats?group_by=year,case_type&format=csv" + pin));
        charts.add(bars(filter, Dimension.COUNTRY, "country", "Cases by country (the 15 with most)", "Country", pin));
        charts.add(bars(filter, Dimension.CONTEXT, "context", "Cases by context", "Context", pin));
        charts.add(
                bars(filter, Dimension.WEAPON_3D_ROLE, "weapon_3d_role", "Cases by role of 3D printing", "Role", pin));
        return charts;
    }

    private Charts.Chart bars(
            CaseFilter filter, Dimension dimension, String vocabulary, String title, String column, String pin) {
        List<Charts.Bar> bars = stats.group(filter, List.of(dimension), List.of()).getRows().stream()
                .filter(r -> r.getKeys().get(dimension.code()) != null)
                .sorted(Comparator.comparing(StatsRow::getRecords).reversed())
                .limit(15)
                .map(r -> new Charts.Bar(labels.of(vocabulary, r.getKeys().get(dimension.code())), r.getRecords()))
                .toList();
        return Charts.bars(
                "chart-" + dimension.code(),
                title,
                column,
                bars,
                "/v1/stats?group_by=" + dimension.code() + "&format=csv" + pin);
    }

    /** A count key added up over every record: "at least 120" when some values were lower bounds. */
    String total(String release, String countKey) {
        long value = 0;
        StatsSum.QualifierEnum worst = StatsSum.QualifierEnum.EXACT;
        for (StatsRow row : stats.group(all(release), List.of(Dimension.CONFIDENCE), List.of(countKey))
                .getRows()) {
            StatsSum sum = row.getSums().get(countKey);
            value += sum.getValue();
            if (sum.getQualifier() == StatsSum.QualifierEnum.APPROXIMATELY
                    || (sum.getQualifier() == StatsSum.QualifierEnum.AT_LEAST
                            && worst == StatsSum.QualifierEnum.EXACT)) {
                worst = sum.getQualifier();
            }
        }
        return Labels.count(value, worst.toString());
    }

    /** How many countries the records are in. */
    int countries(String release) {
        return (int) stats.group(all(release), List.of(Dimension.COUNTRY), List.of()).getRows().stream()
                .filter(r -> r.getKeys().get("country") != null)
                .count();
    }

    /** The points of the map: records with coordinates, newest first, at most {@link #MAP_POINTS}. */
    List<WorldMap.Point> points(String release) {
        CaseFilter filter = CaseFilter.builder()
                .hasCoordinates(true)
                .build()
                .in(release == null ? CaseScope.LIVE : cases.scope(release));
        List<WorldMap.Point> points = new ArrayList<>();
        String cursor = null;
        do {
            CasePage page = cases.list(filter, CaseSort.EVENT_DATE_DESC, cursor, 500, false);
            for (byte[] document : page.documents()) {
                Map<String, Object> r = record(document);
                points.add(new WorldMap.Point(
                        (String) r.get("id"),
                        ((Number) r.get("latitude")).doubleValue(),
                        ((Number) r.get("longitude")).doubleValue(),
                        (String) r.get("geo_precision"),
                        (String) r.get("case_type"),
                        r.get("id") + ": " + labels.of("case_type", (String) r.get("case_type")) + ", "
                                + CaseView.where(r) + ", " + r.get("event_date")));
            }
            cursor = page.nextCursor();
        } while (cursor != null && points.size() < MAP_POINTS);
        return points.size() > MAP_POINTS ? points.subList(0, MAP_POINTS) : points;
    }

    /** The case types present among points, with their labels and colours, for a legend. */
    List<Legend> legend(List<WorldMap.Point> points) {
        return labels.vocabulary("case_type").entrySet().stream()
                .filter(e -> points.stream().anyMatch(p -> e.getKey().equals(p.caseType())))
                .map(e -> new Legend(e.getValue(), Charts.colour(e.getKey())))
                .toList();
    }

    /** A legend entry. */
    @io.quarkus.qute.TemplateData
    public record Legend(String label, String colour) {}

    Optional<Map<String, Object>> frozen(String release, String id) {
        return cases.frozen(cases.scope(release), id).map(found -> record(found.document()));
    }
}
