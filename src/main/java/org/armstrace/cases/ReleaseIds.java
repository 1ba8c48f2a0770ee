package org.armstrace.cases;

import java.util.Optional;

/**
 * Finds the row id of a release by its version, for queries pinned with {@code release=}. The releases
 * package implements it with the one lookup of releases it has, so a version is resolved in one place.
 */
public interface ReleaseIds {

    Optional<Long> idOf(String version);
}
