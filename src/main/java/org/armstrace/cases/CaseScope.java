package org.armstrace.cases;

import java.util.Set;
import org.armstrace.common.db.Sql;

/**
 * Which records a query reads: the live published records, or those frozen in one release. A
 * release's tables name their columns as the live ones do, so one query serves both.
 */
public record CaseScope(Long releaseId) {

    public static final CaseScope LIVE = new CaseScope(null);

    private static final Set<String> RENDERED_FORMS = Set.of("document", "csv_row", "geometry");

    public static CaseScope release(long id) {
        return new CaseScope(id);
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
     * V15); a release row cut before V15 keeps a tsvector of its own, which matches instead. Each part can be
     * answered from its GIN index.
     */
    public Sql matches(String search) {
        String query = CaseSort.QUERY;
        // exists, not in: under the release's "or" PostgreSQL can then test each row it walks by its key, instead
        // of collecting every match first
        String byRendition = "exists (select 1 from rendition_search s where s.rendition_id = c.rendition_id"
                + " and s.search @@ " + query + ")";
        return isRelease()
                ? Sql.of("(c.search @@ " + query + " or " + byRendition + ")", search, search)
                : Sql.of(byRendition, search);
    }

    /** The tsvector of each record read, for ranking: its rendition's, or a release row's own (see {@link #matches}). */
    public String vector() {
        String byRendition = "(select s.search from rendition_search s where s.rendition_id = c.rendition_id)";
        return isRelease() ? "coalesce(c.search, " + byRendition + ")" : byRendition;
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
