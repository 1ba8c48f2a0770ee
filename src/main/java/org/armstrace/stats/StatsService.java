package org.armstrace.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.StatsResult;
import org.armstrace.api.model.StatsRow;
import org.armstrace.api.model.StatsSum;
import org.armstrace.cases.CaseQuery;

/**
 * Groups the filtered records by one or two dimensions and counts them, and adds up count keys per
 * group, saying how exact each sum is: a sum that includes lower bounds is a lower bound itself.
 */
@ApplicationScoped
public class StatsService {

    static final List<String> QUALIFIERS = List.of("exact", "at_least", "more_than", "approximately", "up_to");

    private final EntityManager em;

    public StatsService(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StatsResult group(CaseQuery filter, List<Dimension> dimensions, List<String> sums) {
        StringBuilder inner = new StringBuilder("select ");
        List<String> groupColumns = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            inner.append(dimensions.get(i).sql()).append(" as d").append(i).append(", ");
            groupColumns.add("d" + i);
        }
        StringBuilder outer = new StringBuilder("select ").append(String.join(", ", groupColumns)).append(", count(*)");
        StringBuilder joins = new StringBuilder();
        for (int s = 0; s < sums.size(); s++) {
            inner.append("k").append(s).append(".value as v").append(s).append(", k").append(s).append(".qualifier as q")
                    .append(s).append(", ");
            joins.append(" left join ").append(filter.counts()).append(" k").append(s).append(" on k").append(s).append(".case_id = c.id and k")
                    .append(s).append(".count_key = :sum").append(s);
            outer.append(", sum(v").append(s).append("), count(v").append(s).append(")");
            for (String qualifier : QUALIFIERS) {
                outer.append(", count(*) filter (where q").append(s).append(" = '").append(qualifier).append("')");
            }
        }
        inner.append("c.id from ").append(Dimension.from(filter)).append(joins).append(" where ").append(filter.where());
        String order = String.join(", ", groupColumns.stream().map(c -> c + " nulls last").toList());
        outer.append(" from (").append(inner).append(") g group by ").append(String.join(", ", groupColumns))
                .append(" order by ").append(order);
        Query query = filter.bind(em.createNativeQuery(outer.toString()));
        for (int s = 0; s < sums.size(); s++) {
            query.setParameter("sum" + s, sums.get(s));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<StatsRow> out = rows.stream().map(r -> row(r, dimensions, sums)).toList();
        return new StatsResult().groupBy(dimensions.stream().map(Dimension::code).toList()).sums(sums).rows(out);
    }

    private static StatsRow row(Object[] r, List<Dimension> dimensions, List<String> sums) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            keys.put(dimensions.get(i).code(), (String) r[i]);
        }
        int at = dimensions.size();
        long records = ((Number) r[at++]).longValue();
        Map<String, StatsSum> sumsOut = new LinkedHashMap<>();
        for (String key : sums) {
            long value = r[at] == null ? 0 : ((Number) r[at]).longValue();
            long reporting = ((Number) r[at + 1]).longValue();
            Map<String, Long> qualifiers = new LinkedHashMap<>();
            for (int q = 0; q < QUALIFIERS.size(); q++) {
                long n = ((Number) r[at + 2 + q]).longValue();
                if (n > 0) {
                    qualifiers.put(QUALIFIERS.get(q), n);
                }
            }
            at += 2 + QUALIFIERS.size();
            sumsOut.put(key, new StatsSum().value(value).records(reporting).qualifier(sumQualifier(qualifiers))
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
