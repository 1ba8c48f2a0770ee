package org.armstrace.cases;

import java.time.OffsetDateTime;
import org.armstrace.api.model.CaseRecord;

/** What the public sees at a record's URL: the record, a redirect to the one it was merged into, or a tombstone. */
public sealed interface PublicView {

    record Found(CaseRecord record) implements PublicView {
    }

    record Merged(String into) implements PublicView {
    }

    record Retracted(String reason, OffsetDateTime at, String replacedBy) implements PublicView {
    }
}
