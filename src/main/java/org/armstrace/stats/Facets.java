package org.armstrace.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.FacetValue;
import org.armstrace.cases.CaseQuery;

/** Counts of each value of some fields over the whole filtered set of a list, most frequent first. */
@ApplicationScoped
public class Facets {

    private final EntityManager em;

    public Facets(EntityManager em) {
        this.em = em;
    }

    public Map<String, List<FacetValue>> count(CaseQuery query, List<Dimension> dimensions, int size) {
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        for (Dimension dimension : dimensions) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.bind(em.createNativeQuery(
                    "select v, count(*) as n from (select " + dimension.sql() + " as v from " + Dimension.from(query) + " where "
                            + query.where() + ") f where v is not null group by v order by n desc, v limit :size"))
                    .setParameter("size", size)
                    .getResultList();
            facets.put(dimension.code(), rows.stream()
                    .map(r -> new FacetValue().value((String) r[0]).count(((Number) r[1]).longValue())).toList());
        }
        return facets;
    }
}
