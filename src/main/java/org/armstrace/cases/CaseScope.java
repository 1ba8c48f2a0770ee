package org.armstrace.cases;

import java.util.Set;
import org.armstrace.common.db.Sql;

/**
 * Which records a query reads: the live published records, or those frozen in one release. A
 * release's tables name their columns as the live ones do, so one query serves both.
 *
 * @param releaseId the release's row id; null for the live records
 * @param rowVectors whether the release's rows may keep search vectors of their own (a release cut before schema
 *     V15); a search must then look at them as well as at their renditions'
 */
public record CaseScope(Long releaseId, boolean rowVectors) {

    public static final CaseScope LIVE = new CaseScope(null, false);

    private static final Set<String> RENDERED_FORMS = Set.of("document", "csv_row", "geometry");

    /** A release that may have been cut before V15 (a search looks at both vectors; right for any release). */
    public static CaseScope release(long id) {
        return new CaseScope(id, true);
    }

    /** A release, knowing whether its rows keep search vectors of their own (see {@link #matches}). */
    public static CaseScope release(long id, boolean rowVectors) {
        return new CaseScope(id, rowVectors);
    }

    public boolean isRelease() {
        return releaseId != null;
    }

    /** The records' table. */
    public String records() {
        return isRelease() ? "release_case" : "case_record";
    }

    /**
     * The join that brings each record read (alias {@code c}) its rendition (alias {@code d}): every live
     * record has one; a release row cut before renditions (schema V13) has none and keeps its own texts.
     */
    public String renditionJoin() {
        return (isRelease() ? "left join" : "join") + " rendition d on d.id = c.rendition_id";
    }

    /** A rendered form of each record read ({@code document}, {@code csv_row} or {@code geometry}), named so. */
    public String rendered(String form) {
        if (!RENDERED_FORMS.contains(form)) {
            throw new IllegalArgumentException("not a rendered form: " + form);
        }
        return isRelease() ? "coalesce(c." + form + ", d." + form + ") as " + form : "d." + form;
    }

    /**
     * The summary of each record read (for snippets): in the live row; in a release row cut before
     * schema V14, else in the served document of its rendition (needs {@link #renditionJoin()}).
     */
    public String summary() {
        return isRelease() ? "coalesce(c.summary, d.document::jsonb ->> 'summary')" : "c.summary";
    }

    /**
     * The condition that a record read matches a full-text search: its rendition's tsvector matches (schema
     * V15); a row of a release cut before V15 keeps a tsvector of its own, which matches instead. A release cut
     * since has no such rows: its search is the live one's, a probe of each row it walks (an "or" of the two
     * vectors makes PostgreSQL collect every match of the renditions first, 100 ms instead of 0.6 ms for a page of
     * a 100,000-record release; plans in docs/performance.md).
     */
    public Sql matches(String search) {
        String query = CaseSort.QUERY;
        String byRendition = "exists (select 1 from rendition_search s where s.rendition_id = c.rendition_id"
                + " and s.search @@ " + query + ")";
        return isRelease() && rowVectors
                ? Sql.of("(c.search @@ " + query + " or " + byRendition + ")", search, search)
                : Sql.of(byRendition, search);
    }

    /** The tsvector of each record read, for ranking: its rendition's, or a release row's own (see {@link #matches}). */
    public String vector() {
        String byRendition = "(select s.search from rendition_search s where s.rendition_id = c.rendition_id)";
        return isRelease() && rowVectors ? "coalesce(c.search, " + byRendition + ")" : byRendition;
    }

    /** The table of the records' source types. */
    public String sources() {
        return isRelease() ? "release_source" : "case_source";
    }

    /** The table of the records' count keys. */
    public String counts() {
        return isRelease() ? "release_count" : "case_count";
    }
}
