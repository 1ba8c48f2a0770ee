package org.armstrace.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.armstrace.api.model.CaseInput;

/**
 * One release of the dataset as it ships in the jar ({@code dataset/releases/<version>/}): a change set
 * on the release before it. Its manifest names the version, the time of release, the previous version,
 * the release notes and the files: the records it adds, the corrections it makes to records of earlier
 * releases (each with a note saying what changed and why), and the codebook the release was cut with.
 */
public record ShippedRelease(
        String version,
        OffsetDateTime releasedAt,
        String previousVersion,
        String notes,
        List<Entry> added,
        List<Correction> corrected,
        JsonNode codebook) {

    /** One shipped record: its public id and its curated content. */
    public record Entry(String id, CaseInput content) {}

    /** A correction of a record an earlier release shipped: its id, why it changed, and its content now. */
    public record Correction(String id, String note, CaseInput content) {}

    /** The revision note of every record this release adds. */
    public String addedNote() {
        return "shipped dataset " + version;
    }

    /** The revision note of a correction: the release and what changed. */
    public String correctionNote(Correction correction) {
        return "shipped dataset " + version + ": " + correction.note();
    }
}
