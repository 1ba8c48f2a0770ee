package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.armstrace.common.http.ExportFormat;
import org.armstrace.export.ExportFiles;
import org.armstrace.export.RecordFormats;

/**
 * Every record of a filtered list as CSV, NDJSON or GeoJSON, made of the bytes rendered when each record was
 * written. An export is written whole to a file first (records read in keyset chunks, constant memory) and
 * remembered until the dataset changes ({@link ExportFiles}), so that the same export asked again is a file
 * sent, and a slow client never holds a database connection.
 */
@ApplicationScoped
public class CaseExporter {

    /** What names one export: the records, their order, the format and whether a CSV has a byte order mark. */
    private record Request(CaseFilter filter, CaseSort sort, ExportFormat format, boolean bom) {}

    private final CaseService cases;
    private final RecordFormats formats;
    private final ExportFiles files;

    public CaseExporter(CaseService cases, RecordFormats formats, ExportFiles files) {
        this.cases = cases;
        this.formats = formats;
        this.files = files;
    }

    public ExportFiles.Opened export(CaseFilter filter, CaseSort sort, ExportFormat format, boolean bom)
            throws IOException {
        return files.open(
                new Request(filter, sort, format, bom),
                out -> formats.write(format, writer -> cases.forEachRendered(filter, sort, format, writer), out, bom));
    }
}
