package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import org.armstrace.common.http.ExportFormat;
import org.armstrace.export.CsvOutput;
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

    /** What names one export file: the records, their order and the format. */
    private record Request(CaseFilter filter, CaseSort sort, ExportFormat format) {}

    private final CaseService cases;
    private final RecordFormats formats;
    private final ExportFiles files;

    public CaseExporter(CaseService cases, RecordFormats formats, ExportFiles files) {
        this.cases = cases;
        this.formats = formats;
        this.files = files;
    }

    /**
     * The export, opened. A CSV with a byte order mark is the same file as the one without, the mark sent in front
     * of it: one file, written once, serves both.
     */
    public ExportFiles.Opened export(CaseFilter filter, CaseSort sort, ExportFormat format, boolean bom)
            throws IOException {
        ExportFiles.Opened file = files.open(
                new Request(filter, sort, format),
                out -> formats.write(format, writer -> cases.forEachRendered(filter, sort, format, writer), out));
        if (!bom || format != ExportFormat.CSV) {
            return file;
        }
        return new ExportFiles.Opened(
                new SequenceInputStream(new ByteArrayInputStream(CsvOutput.BOM), file.in()),
                CsvOutput.BOM.length + file.bytes());
    }
}
