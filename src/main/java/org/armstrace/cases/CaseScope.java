package org.armstrace.cases;

/**
 * Which records a query reads: the live published records, or those frozen in one release. A
 * release's tables name their columns as the live ones do, so one query serves both.
 */
public record CaseScope(Long releaseId) {

    public static final CaseScope LIVE = new CaseScope(null);

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

    /** The table of the records' source types. */
    public String sources() {
        return isRelease() ? "release_source" : "case_source";
    }

    /** The table of the records' count keys. */
    public String counts() {
        return isRelease() ? "release_count" : "case_count";
    }
}
