package org.armstrace.export;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CasePage;
import org.armstrace.cases.CaseService;
import org.armstrace.cases.CaseSort;

/**
 * Streams every record of a filtered list as CSV, NDJSON or GeoJSON, in constant memory: records are
 * read in keyset chunks, each in its own short transaction, written, and forgotten.
 */
@ApplicationScoped
public class CaseExporter {

    static final int CHUNK = 500;

    private final CaseService cases;
    private final RecordFormats formats;

    public CaseExporter(CaseService cases, RecordFormats formats) {
        this.cases = cases;
        this.formats = formats;
    }

    public StreamingOutput export(CaseFilter filter, CaseSort sort, ExportFormat format, boolean bom) {
        return out -> formats.write(format, writer -> {
            String cursor = null;
            do {
                String after = cursor;
                CasePage page = QuarkusTransaction.requiringNew().call(() -> cases.list(filter, sort, after, CHUNK, false));
                for (CaseRecord record : page.items()) {
                    writer.write(record);
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        }, out, bom);
    }
}
