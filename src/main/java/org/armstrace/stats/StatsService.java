package org.armstrace.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.StatsResult;
import org.armstrace.api.model.StatsRow;
import org.armstrace.api.model.StatsSum;
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CaseQuery;
import org.armstrace.cases.Dimension;
import org.armstrace.common.cache.Remembered;
import org.armstrace.common.db.Sql;
import org.armstrace.revisions.ReplicaReads;

/**
 * Groups the filtered records by one or two dimensions and counts them, and adds up count keys per
 * group, saying how exact each sum is: a sum that includes lower bounds is a lower bound itself.
 */
@ApplicationScoped
public class StatsService {

    static final List<String> QUALIFIERS = List.of("exact", "at_least", "more_than", "approximately", "up_to");

    private final ReplicaReads reads;
    private final Remembered remembered;

    public StatsService(ReplicaReads reads, Remembered remembered) {
        this.reads = reads;
        this.remembered = remembered;
    }

    /** The statistics of a filter, remembered until the revision log moves. */
    public StatsResult group(CaseFilter filter, List<Dimension> dimensions, List<String> sums) {
        List<StatsRow> rows = remembered.get("stats", List.of(filter, dimensions, sums), () -> {
            List<StatsRow> computed = reads.read(replica ->
                    replica.list(sql(new CaseQuery(filter), dimensions, sums), r -> row(r, dimensions, sums)));
            return new Remembered.Sized<>(computed, 200 * (1 + computed.size()) * (1 + sums.size()));
        });
        return new StatsResult()
                .groupBy(dimensions.stream().map(Dimension::code).toList())
                .sums(sums)
                .rows(rows);
    }

    /**
     * One row per group ({@code d0}, {@code d1}), with the number of records, then per sum key its total,
     * the number of records that report it and the number with each qualifier.
     */
    static Sql sql(CaseQuery filter, List<Dimension> dimensions, List<String> sums) {
        List<String> groups = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            inner.add(dimensions.get(i).sql() + " as d" + i);
            groups.add("d" + i);
        }
        List<String> outer = new ArrayList<>(groups);
        outer.add("count(*) as count");
        List<Sql> joins = new ArrayList<>();
        for (int s = 0; s < sums.size(); s++) {
            inner.add("k" + s + ".value as v" + s);
            inner.add("k" + s + ".qualifier as q" + s);
            joins.add(Sql.of(
                    " left join " + filter.counts() + " k" + s + " on k" + s + ".case_id = c.id and k" + s
                            + ".count_key = ?",
                    sums.get(s)));
            outer.add("coalesce(sum(v" + s + "), 0) as sum_" + s);
            outer.add("count(v" + s + ") as reporting_" + s);
            for (String qualifier : QUALIFIERS) {
                outer.add("count(*) filter (where q" + s + " = '" + qualifier + "') as " + qualifier + "_" + s);
            }
        }
        inner.add("c.id");
        Sql from = Sql.of("select " + String.join(", ", inner) + " from " + Dimension.from(filter))
                .append(Sql.join("", joins))
                .append(" where ")
                .append(filter.where());
        return Sql.of("select " + String.join(", ", outer) + " from (")
                .append(from)
                .append(") g group by " + String.join(", ", groups) + " order by "
                        + String.join(
                                ", ",
                                groups.stream().map(c -> c + " nulls last").toList()));
    }

    /** A row of {@link #sql}, read by column name. */
    private static StatsRow row(ResultSet r, List<Dimension> dimensions, List<String> sums) throws SQLException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            keys.put(dimensions.get(i).code(), r.getString("d" + i));
        }
        long records = r.getLong("count");
        Map<String, StatsSum> sumsOut = new LinkedHashMap<>();
        for (int s = 0; s < sums.size(); s++) {
            String key = sums.get(s);
            long value = r.getLong("sum_" + s);
            long reporting = r.getLong("reporting_" + s);
            Map<String, Long> qualifiers = new LinkedHashMap<>();
            for (int q = 0; q < QUALIFIERS.size(); q++) {
                long n = r.getLong(QUALIFIERS.get(q) + "_" + s);
                if (n > 0) {
                    qualifiers.put(QUALIFIERS.get(q), n);
                }
            }
            sumsOut.put(
                    key,
                    new StatsSum()
                            .value(value)
                            .records(reporting)
                            .qualifier(sumQualifier(qualifiers))
                            .qualifiers(qualifiers));
        }
        return new StatsRow().keys(keys).records(records).sums(sumsOut);
    }

    /** Approximate if any value was approximate or an upper bound; else a lower bound if any was; else exact. */
    static StatsSum.QualifierEnum sumQualifier(Map<String, Long> qualifiers) {
        if (qualifiers.containsKey("approximately") || qualifiers.containsKey("up_to")) {
            return StatsSum.QualifierEnum.APPROXIMATELY;
        }
        if (qualifiers.containsKey("at_least") || qualifiers.containsKey("more_than")) {
            return StatsSum.QualifierEnum.AT_LEAST;
        }
        return StatsSum.QualifierEnum.EXACT;
    }
}
