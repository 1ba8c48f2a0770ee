package org.armstrace.stats;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.armstrace.api.StatsApi;
import org.armstrace.api.model.StatsResult;
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CaseService;
import org.armstrace.cases.Dimension;
import org.armstrace.codebook.Codebook;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.http.CsvChoice;
import org.armstrace.common.http.QueryValues;
import org.armstrace.export.CsvOutput;

/** Statistics over the filtered records, as JSON or CSV. */
public class StatsResource implements StatsApi {

    private final StatsService stats;
    private final CaseService cases;
    private final Codebook codebook;
    private final HttpHeaders headers;

    public StatsResource(StatsService stats, CaseService cases, Codebook codebook, HttpHeaders headers) {
        this.stats = stats;
        this.cases = cases;
        this.codebook = codebook;
        this.headers = headers;
    }

    @Override
    public Response getStats(
            List<String> groupBy,
            List<String> sum,
            List<String> country,
            List<String> region,
            List<String> caseType,
            List<String> context,
            List<String> weapon3dRole,
            List<String> channel,
            List<String> legalStatus,
            List<String> confidence,
            Boolean uncertain,
            List<String> paymentMethod,
            List<String> sourceType,
            Boolean hasCoordinates,
            String dateFrom,
            String dateTo,
            String q,
            String format,
            String release) {
        List<Dimension> dimensions = dimensions(groupBy);
        List<String> sums = sums(sum);
        CaseFilter filter = CaseFilter.of(
                        country,
                        region,
                        caseType,
                        context,
                        weapon3dRole,
                        channel,
                        legalStatus,
                        confidence,
                        uncertain,
                        paymentMethod,
                        sourceType,
                        hasCoordinates,
                        dateFrom,
                        dateTo,
                        q)
                .in(cases.scope(release));
        StatsResult result = stats.group(filter, dimensions, sums);
        return (CsvChoice.wanted(format, headers.getAcceptableMediaTypes())
                        ? Response.ok(csv(result), "text/csv; charset=UTF-8")
                        : Response.ok(result, MediaType.APPLICATION_JSON_TYPE))
                .build();
    }

    private static List<Dimension> dimensions(List<String> groupBy) {
        List<String> codes = QueryValues.split(groupBy);
        if (codes.size() > 2) {
            throw invalid("group_by", "max_items", "takes one or two dimensions");
        }
        if (new HashSet<>(codes).size() != codes.size()) {
            throw invalid("group_by", "unique", "names a dimension twice");
        }
        return codes.stream().map(c -> Dimension.of(c).orElseThrow()).toList();
    }

    private List<String> sums(List<String> sum) {
        List<String> keys = QueryValues.split(sum).stream().distinct().toList();
        List<org.armstrace.api.model.ProblemError> errors = new ArrayList<>();
        keys.stream()
                .filter(k -> !codebook.codes("count_key").contains(k))
                .forEach(k -> errors.add(
                        ApiProblem.queryError("sum", "vocabulary", "'" + k + "' is not a count key of the codebook")));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidParameters(errors);
        }
        return keys;
    }

    private static ApiProblem invalid(String name, String rule, String detail) {
        return ApiProblem.invalidParameters(List.of(ApiProblem.queryError(name, rule, detail)));
    }

    /** One row per group: the dimensions, records, then sum, records and qualifier per summed key. */
    static StreamingOutput csv(StatsResult result) {
        List<String> columns = new ArrayList<>(result.getGroupBy());
        columns.add("records");
        result.getSums().forEach(k -> columns.addAll(List.of(k + "_sum", k + "_records", k + "_qualifier")));
        return out -> {
            try (CsvOutput.Rows writer = CsvOutput.open(out, columns, false)) {
                for (var row : result.getRows()) {
                    List<Object> cells = new ArrayList<>(row.getKeys().values());
                    cells.add(row.getRecords());
                    result.getSums().forEach(k -> {
                        var s = row.getSums().get(k);
                        cells.addAll(List.of(
                                s.getValue(), s.getRecords(), s.getQualifier().toString()));
                    });
                    writer.write(cells);
                }
            }
        };
    }
}
