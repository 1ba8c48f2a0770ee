package org.armstrace.revisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.TreeMap;
import org.armstrace.api.model.CaseRecord;

/**
 * Reads the stored snapshot of a record (a revision's, frozen in releases). PostgreSQL's jsonb keeps
 * object keys in its own order, so counts are put back in key order, as live records list them: the
 * same record reads the same whether it is live, in the history or in a release.
 */
public final class CaseSnapshots {

    private CaseSnapshots() {}

    public static CaseRecord read(ObjectMapper json, String snapshot) {
        try {
            CaseRecord record = json.readValue(snapshot, CaseRecord.class);
            if (record.getCounts() != null) {
                record.setCounts(new TreeMap<>(record.getCounts()));
            }
            return record;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A stored snapshot cannot be read", e);
        }
    }
}
