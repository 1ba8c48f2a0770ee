package org.armstrace.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * RFC 4180 CSV as every file of ArmsTrace writes it: a header row, CRLF line ends, fields quoted only
 * when they must be, UTF-8, and an optional byte order mark for spreadsheets.
 */
public final class CsvOutput {

    public static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private CsvOutput() {
    }

    /**
     * A writer of rows (lists of cell texts) with these columns; closing it flushes but leaves
     * {@code out} open.
     */
    public static SequenceWriter open(OutputStream out, List<String> columns, boolean bom) throws IOException {
        if (bom) {
            out.write(BOM);
        }
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        return CSV.writer(schema.build().withHeader().withLineSeparator("\r\n")).writeValues(new NonClosing(out));
    }

    /** Lets the CSV writer close without closing the stream under it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
