package org.armstrace.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * RFC 4180 CSV as every file of ArmsTrace writes it: a header row, CRLF line ends, fields quoted only
 * when they must be, UTF-8, an optional byte order mark for spreadsheets, and text that a spreadsheet would
 * take for a formula behind an apostrophe ({@link CsvCells}).
 */
public final class CsvOutput {

    public static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private CsvOutput() {}

    /**
     * A writer of rows (lists of cell texts) with these columns; closing it flushes but leaves
     * {@code out} open. Rows reach {@code out} in pieces of several kilobytes, not a row at a time (a
     * sequence writer flushes after every value unless told not to: a system call per row for a file,
     * a chunk per row for a response).
     */
    public static Rows open(OutputStream out, List<String> columns, boolean bom) throws IOException {
        if (bom) {
            out.write(BOM);
        }
        return new Rows(CSV.writer(schema(columns).withHeader().withLineSeparator("\r\n"))
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .writeValues(new NonClosing(out)));
    }

    /** Writes rows (lists of cells), each text cell neutralised against formula injection ({@link CsvCells}). */
    public static final class Rows implements java.io.Closeable {
        private final SequenceWriter writer;

        private Rows(SequenceWriter writer) {
            this.writer = writer;
        }

        public void write(List<?> row) throws IOException {
            writer.write(row.stream().map(CsvCells::neutralisedValue).toList());
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /** The header line of a file with these columns (CRLF at its end), as {@link #open} writes it. */
    public static String header(List<String> columns) {
        try {
            List<String> blank = java.util.Collections.nCopies(columns.size(), "");
            String withRow = CSV.writer(schema(columns).withHeader().withLineSeparator("\r\n"))
                    .writeValueAsString(blank);
            return withRow.substring(0, withRow.length() - line(columns, blank).length());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One row as its line of a file with these columns (CRLF at its end), as {@link #open}'s writer writes it. */
    public static String line(List<String> columns, List<String> row) {
        return lines(columns).line(row);
    }

    /** A writer of single lines for these columns, made once for many rows. */
    public static Lines lines(List<String> columns) {
        return new Lines(CSV.writer(schema(columns).withoutHeader().withLineSeparator("\r\n")));
    }

    /** Writes rows as single lines (CRLF at their end) of one set of columns, as {@link #open}'s writer writes them. */
    public static final class Lines {
        private final ObjectWriter writer;

        private Lines(ObjectWriter writer) {
            this.writer = writer;
        }

        public String line(List<String> row) {
            try {
                return writer.writeValueAsString(
                        row.stream().map(CsvCells::neutralised).toList());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static CsvSchema schema(List<String> columns) {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        return schema.build();
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
