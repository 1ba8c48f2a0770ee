package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import org.armstrace.common.http.ExportFormat;
import org.armstrace.export.RecordFormats;

/**
 * Streams every record of a filtered list as CSV, NDJSON or GeoJSON, in constant memory, by moving the
 * bytes rendered when each record was written: records are read in keyset chunks of one statement
 * each (no connection or transaction is held while the client reads), written, and forgotten.
 */
@ApplicationScoped
public class CaseExporter {

    private final CaseService cases;
    private final RecordFormats formats;

    public CaseExporter(CaseService cases, RecordFormats formats) {
        this.cases = cases;
        this.formats = formats;
    }

    public StreamingOutput export(CaseFilter filter, CaseSort sort, ExportFormat format, boolean bom) {
        return out -> formats.write(format, writer -> cases.forEachRendered(filter, sort, format, writer), out, bom);
    }
}
