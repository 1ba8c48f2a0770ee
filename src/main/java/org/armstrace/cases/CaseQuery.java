package org.armstrace.cases;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link CaseFilter} into SQL over published records: one condition per filter, values always
 * bound as parameters, keyset pagination after a {@link CaseCursor}.
 */
final class CaseQuery {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    CaseQuery(CaseFilter filter) {
        conditions.add("c.status = 'published'");
        in("c.country", "countries", filter.countries());
        in("c.case_type", "caseTypes", filter.caseTypes());
        in("c.context", "contexts", filter.contexts());
        in("c.weapon_3d_role", "weaponRoles", filter.weaponRoles());
        if (!filter.channels().isEmpty()) {
            conditions.add("c.channels && cast(array[:channels] as text[])");
            parameters.put("channels", List.copyOf(filter.channels()));
        }
        if (filter.dateFrom() != null) {
            conditions.add("c.event_end >= :dateFrom");
            parameters.put("dateFrom", filter.dateFrom().start());
        }
        if (filter.dateTo() != null) {
            conditions.add("c.event_start <= :dateTo");
            parameters.put("dateTo", filter.dateTo().end());
        }
    }

    /** One page: at most {@code limit} records after the cursor (if any), in the sort's order. */
    @SuppressWarnings("unchecked")
    List<CaseEntity> page(EntityManager em, CaseSort sort, CaseCursor after, int limit) {
        List<String> where = new ArrayList<>(conditions);
        Map<String, Object> params = new LinkedHashMap<>(parameters);
        if (after != null) {
            where.add(sort.afterCondition());
            params.put("afterId", after.id());
            if (sort.byDate()) {
                params.put("afterDate", after.date());
            }
        }
        String sql = "select c.* from case_record c where " + String.join(" and ", where)
                + " order by " + sort.orderBy() + " limit :limit";
        Query query = em.createNativeQuery(sql, CaseEntity.class);
        params.forEach(query::setParameter);
        query.setParameter("limit", limit);
        return query.getResultList();
    }

    long count(EntityManager em) {
        Query query = em.createNativeQuery("select count(*) from case_record c where " + String.join(" and ", conditions),
                Long.class);
        parameters.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    private void in(String column, String name, Set<String> values) {
        if (!values.isEmpty()) {
            conditions.add(column + " in (:" + name + ")");
            parameters.put(name, List.copyOf(values));
        }
    }
}
