package org.armstrace.cases;

import java.time.OffsetDateTime;

/** What the public sees at a record's URL: the record, a redirect to the one it was merged into, or a tombstone. */
public sealed interface PublicView {

    /** A published record: its version and its stored JSON document (UTF-8). */
    record Found(int version, byte[] document) implements PublicView {}

    record Merged(String into) implements PublicView {}

    record Retracted(String reason, OffsetDateTime at, String replacedBy) implements PublicView {}
}
