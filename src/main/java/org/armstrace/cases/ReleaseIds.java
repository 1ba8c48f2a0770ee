package org.armstrace.cases;

import java.util.Optional;

/**
 * Finds the records of a release by its version, for queries pinned with {@code release=}. The releases
 * package implements it with the one lookup of releases it has, so a version is resolved in one place.
 */
public interface ReleaseIds {

    /** The scope of the release's records (its row id, and whether its rows keep search vectors of their own). */
    Optional<CaseScope> scopeOf(String version);
}
