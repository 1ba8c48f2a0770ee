package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.FacetValue;
import org.armstrace.common.cache.Remembered;
import org.armstrace.common.db.Sql;
import org.armstrace.revisions.ReplicaReads;

/**
 * Counts of each value of some fields over the whole filtered set of a list, most frequent first;
 * remembered until the revision log moves.
 */
@ApplicationScoped
public class Facets {

    private final ReplicaReads reads;
    private final Remembered remembered;

    public Facets(ReplicaReads reads, Remembered remembered) {
        this.reads = reads;
        this.remembered = remembered;
    }

    public Map<String, List<FacetValue>> count(CaseFilter filter, List<Dimension> dimensions, int size) {
        CaseQuery query = new CaseQuery(filter);
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        for (Dimension dimension : dimensions) {
            facets.put(dimension.code(), remembered.get("facet", List.of(filter, dimension, size), () -> {
                List<FacetValue> values = reads.read(replica -> replica.list(
                        sql(query, dimension, size),
                        row -> new FacetValue().value(row.getString("v")).count(row.getLong("n"))));
                return new Remembered.Sized<>(values, 64 * values.size());
            }));
        }
        return facets;
    }

    static Sql sql(CaseQuery query, Dimension dimension, int size) {
        return Sql.of("select v, count(*) as n from (select " + dimension.sql() + " as v from " + Dimension.from(query)
                        + " where ")
                .append(query.where())
                .append(") f where v is not null group by v order by n desc, v limit ?", size);
    }
}
