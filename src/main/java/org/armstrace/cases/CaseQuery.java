package org.armstrace.cases;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link CaseFilter} into SQL over published records ({@code case_record c}): one condition
 * per filter, values always bound as parameters. Lists, facets and statistics share it, so the same
 * filters mean the same everywhere.
 */
public final class CaseQuery {

    /** A row of a page: the record's id and its sort key as text (null for the id sorts). */
    record Keyed(String id, String key) {
    }

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private final CaseScope scope;

    public CaseQuery(CaseFilter filter) {
        scope = filter.scope();
        conditions.add("c.status = 'published'");
        if (scope.isRelease()) {
            conditions.add("c.release_id = :releaseId");
            parameters.put("releaseId", scope.releaseId());
        }
        in("c.country", "countries", filter.countries());
        if (!filter.regions().isEmpty()) {
            conditions.add("c.country in (select r.country from country_region r where r.region in (:regions))");
            parameters.put("regions", List.copyOf(filter.regions()));
        }
        in("c.case_type", "caseTypes", filter.caseTypes());
        in("c.context", "contexts", filter.contexts());
        in("c.weapon_3d_role", "weaponRoles", filter.weaponRoles());
        in("c.legal_status", "legalStatuses", filter.legalStatuses());
        in("c.confidence", "confidences", filter.confidences());
        overlaps("c.channels", "channels", filter.channels());
        overlaps("c.payment_methods", "paymentMethods", filter.paymentMethods());
        if (!filter.sourceTypes().isEmpty()) {
            conditions.add("exists (select 1 from " + scope.sources() + " s where s.case_id = c.id and s.source_type in (:sourceTypes))");
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
        if (filter.query() != null) {
            conditions.add("c.search @@ websearch_to_tsquery('english', :q)");
            parameters.put("q", filter.query());
        }
    }

    /** The records read, aliased {@code c}: the live ones or a release's. */
    public String from() {
        return scope.records() + " c";
    }

    /** The table of count keys of the records read (joined on {@code case_id = c.id}). */
    public String counts() {
        return scope.counts();
    }

    /** The WHERE clause (without the keyword) over {@link #from()}. */
    public String where() {
        return String.join(" and ", conditions);
    }

    /** Binds the filter's parameters to a query built on {@link #where()}. */
    public Query bind(Query query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    /** One page: at most {@code limit} ids after the cursor (if any), in the sort's order. */
    @SuppressWarnings("unchecked")
    List<Keyed> page(EntityManager em, CaseSort sort, CaseCursor after, int limit) {
        String sql = "select k.public_id, k.key from (select c.public_id, " + sort.keySelect() + " as key"
                + " from " + from() + " where " + where() + ") k"
                + (after == null ? "" : " where " + sort.afterCondition())
                + " order by " + sort.orderBy() + " limit :limit";
        Query query = bind(em.createNativeQuery(sql));
        if (after != null) {
            query.setParameter("afterId", after.id());
            if (sort.hasKey()) {
                query.setParameter("afterKey", after.key());
            }
        }
        query.setParameter("limit", limit);
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new Keyed((String) r[0], (String) r[1])).toList();
    }

    long count(EntityManager em) {
        return ((Number) bind(em.createNativeQuery("select count(*) from " + from() + " where " + where()))
                .getSingleResult()).longValue();
    }

    /** Short extracts of the summaries of the given records with the search's matches marked; needs a query. */
    @SuppressWarnings("unchecked")
    Map<String, String> snippets(EntityManager em, List<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        if (ids.isEmpty() || !parameters.containsKey("q")) {
            return out;
        }
        Query query = em.createNativeQuery("""
                select c.public_id, ts_headline('english',
                    replace(replace(replace(c.summary, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                    websearch_to_tsquery('english', :q),
                    'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" ... "')
                from %s where c.public_id in (:ids)%s""".formatted(from(), scope.isRelease() ? " and c.release_id = :releaseId" : ""))
                .setParameter("q", parameters.get("q")).setParameter("ids", ids);
        if (scope.isRelease()) {
            query.setParameter("releaseId", scope.releaseId());
        }
        List<Object[]> rows = query.getResultList();
        rows.forEach(r -> out.put((String) r[0], (String) r[1]));
        return out;
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
