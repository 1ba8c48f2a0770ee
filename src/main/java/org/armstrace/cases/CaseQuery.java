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
        in("c.legal_status", "legalStatuses", filter.legalStatuses());
        in("c.confidence", "confidences", filter.confidences());
        overlaps("c.channels", "channels", filter.channels());
        overlaps("c.payment_methods", "paymentMethods", filter.paymentMethods());
        if (!filter.sourceTypes().isEmpty()) {
            conditions.add("exists (select 1 from case_source s where s.case_id = c.id and s.source_type in (:sourceTypes))");
            parameters.put("sourceTypes", List.copyOf(filter.sourceTypes()));
        }
        if (filter.uncertain() != null) {
            conditions.add("c.uncertain = :uncertain");
            parameters.put("uncertain", filter.uncertain());
        }
        if (filter.hasCoordinates() != null) {
            conditions.add(filter.hasCoordinates() ? "c.latitude is not null" : "c.latitude is null");
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

    /** Array column sharing at least one value with the filter's (uses the column's GIN index). */
    private void overlaps(String column, String name, Set<String> values) {
        if (!values.isEmpty()) {
            conditions.add(column + " && cast(array[:" + name + "] as text[])");
            parameters.put(name, List.copyOf(values));
        }
    }

    private void in(String column, String name, Set<String> values) {
        if (!values.isEmpty()) {
            conditions.add(column + " in (:" + name + ")");
            parameters.put(name, List.copyOf(values));
        }
    }
}
