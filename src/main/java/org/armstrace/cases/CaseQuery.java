package org.armstrace.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.armstrace.common.db.Sql;

/**
 * Turns a {@link CaseFilter} into SQL over published records (aliased {@code c}): one condition per
 * filter, values always bound. Lists, facets, statistics and exports share it, so the same filters
 * mean the same everywhere, live or pinned to a release.
 */
public final class CaseQuery {

    private final CaseScope scope;
    private final String search;
    private final Sql where;

    public CaseQuery(CaseFilter filter) {
        scope = filter.scope();
        search = filter.query();
        List<Sql> conditions = new ArrayList<>();
        conditions.add(Sql.of("c.status = 'published'"));
        if (scope.isRelease()) {
            conditions.add(Sql.of("c.release_id = ?", scope.releaseId()));
        }
        in(conditions, "c.country", "bpchar", filter.countries());
        if (!filter.regions().isEmpty()) {
            conditions.add(Sql.of(
                    "c.country in (select r.country from country_region r where r.region = any(?))",
                    new Sql.TextArray(List.copyOf(filter.regions()))));
        }
        in(conditions, "c.case_type", "text", filter.caseTypes());
        in(conditions, "c.context", "text", filter.contexts());
        in(conditions, "c.weapon_3d_role", "text", filter.weaponRoles());
        in(conditions, "c.legal_status", "text", filter.legalStatuses());
        in(conditions, "c.confidence", "text", filter.confidences());
        overlaps(conditions, "c.channels", filter.channels());
        overlaps(conditions, "c.payment_methods", filter.paymentMethods());
        if (!filter.sourceTypes().isEmpty()) {
            conditions.add(Sql.of(
                    "exists (select 1 from " + scope.sources()
                            + " s where s.case_id = c.id and s.source_type = any(?))",
                    new Sql.TextArray(List.copyOf(filter.sourceTypes()))));
        }
        if (filter.uncertain() != null) {
            conditions.add(Sql.of("c.uncertain = ?", filter.uncertain()));
        }
        if (filter.hasCoordinates() != null) {
            conditions.add(Sql.of(filter.hasCoordinates() ? "c.latitude is not null" : "c.latitude is null"));
        }
        if (filter.dateFrom() != null) {
            conditions.add(Sql.of("c.event_end >= ?", filter.dateFrom().start()));
        }
        if (filter.dateTo() != null) {
            conditions.add(Sql.of("c.event_start <= ?", filter.dateTo().end()));
        }
        if (search != null) {
            conditions.add(scope.matches(search));
        }
        where = Sql.join(" and ", conditions);
    }

    /** The records read, aliased {@code c}: the live ones or a release's. */
    public String from() {
        return scope.records() + " c";
    }

    /** The table of count keys of the records read (joined on {@code case_id = c.id}). */
    public String counts() {
        return scope.counts();
    }

    /** The conditions (without the keyword WHERE) over {@link #from()}. */
    public Sql where() {
        return where;
    }

    /**
     * One page: at most {@code limit} rows after the cursor (if any), in the sort's order, each as
     * {@code public_id}, {@code sort_key} (text, for the next cursor) and the given rendered forms
     * ({@code document}, {@code csv_row}, {@code geometry}). The rows are chosen first, by an index walk
     * that stops after {@code limit}, and only they are joined to their renditions: joined in the same
     * step, PostgreSQL planned a large page (an export's chunk) as a parallel scan that took ten times
     * as long on one core.
     */
    Sql page(CaseSort sort, CaseCursor after, int limit, List<String> forms) {
        String columns = String.join(", ", forms.stream().map(scope::rendered).toList());
        Sql chosen = Sql.of("select c.*, ")
                .append(sort.keyText(search, scope.vector()))
                .append(" as sort_key from " + from() + " where ")
                .append(where);
        if (after != null) {
            chosen = chosen.append(" and ").append(sort.after(after, search, scope.vector()));
        }
        chosen = chosen.append(" order by ")
                .append(sort.orderBy(search, scope.vector()))
                .append(" limit ?", limit);
        return Sql.of("select c.public_id, c.sort_key, " + columns + " from (")
                .append(chosen)
                .append(") c " + scope.renditionJoin() + " order by ")
                .append(sort.orderBy(search, scope.vector()));
    }

    Sql count() {
        return Sql.of("select count(*) from " + from() + " where ").append(where);
    }

    /** Short extracts of the summaries of the given records with the search's matches marked; needs a search. */
    Sql snippets(List<String> ids) {
        String summary = "replace(replace(replace(" + scope.summary() + ", '&', '&amp;'), '<', '&lt;'), '>', '&gt;')";
        return Sql.of(
                        "select c.public_id, ts_headline('english', " + summary
                                + ", websearch_to_tsquery('english', ?), 'StartSel=<mark>, StopSel=</mark>, MaxWords=35,"
                                + " MinWords=12, MaxFragments=2, FragmentDelimiter=\" ... \"') from " + from()
                                + (scope.isRelease() ? " " + scope.renditionJoin() : "")
                                + " where c.public_id = any(?)",
                        search,
                        new Sql.TextArray(ids))
                .append(scope.isRelease() ? Sql.of(" and c.release_id = ?", scope.releaseId()) : Sql.EMPTY);
    }

    String search() {
        return search;
    }

    /** One value as {@code =} of the column's type (so that an index on the column leads an ordered walk), several as {@code = any}. */
    private static void in(List<Sql> conditions, String column, String type, Set<String> values) {
        if (values.size() == 1) {
            conditions.add(Sql.of(
                    column + " = cast(? as " + type + ")", values.iterator().next()));
        } else if (!values.isEmpty()) {
            conditions.add(
                    Sql.of(column + " = any(cast(? as " + type + "[]))", new Sql.TextArray(List.copyOf(values))));
        }
    }

    /** Array column sharing at least one value with the filter's (uses the column's GIN index). */
    private static void overlaps(List<Sql> conditions, String column, Set<String> values) {
        if (!values.isEmpty()) {
            conditions.add(Sql.of(column + " && ?", new Sql.TextArray(List.copyOf(values))));
        }
    }
}
