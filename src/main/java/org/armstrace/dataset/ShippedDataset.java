package org.armstrace.dataset;

import java.time.OffsetDateTime;
import java.util.List;
import org.armstrace.api.model.CaseRecord;

/**
 * The dataset that ships in the jar ({@code dataset/cases.json}): its version, the time it was
 * released, and its records. The file holds the curated fields of each record; the loader adds the
 * server-managed ones (status, version, timestamps) of a first publication.
 */
public record ShippedDataset(String version, OffsetDateTime releasedAt, List<CaseRecord> records) {

    public static final String RESOURCE = "dataset/cases.json";
}
