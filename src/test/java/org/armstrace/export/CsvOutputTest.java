package org.armstrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows written through {@link CsvOutput} reach the stream under them in pieces of kilobytes: a file is
 * not written with a system call per row, and a streamed answer is not sent as a chunk per row.
 */
class CsvOutputTest {

    private static final List<String> COLUMNS = List.of("case_id", "count_key", "value");

    @Test
    void rowsAreBufferedAndTheBytesAreTheSameAsLineByLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CountingFlushes under = new CountingFlushes(bytes);
        StringBuilder expected = new StringBuilder(CsvOutput.header(COLUMNS));
        try (CsvOutput.Rows rows = CsvOutput.open(under, COLUMNS, true)) {
            for (int i = 0; i < 1000; i++) {
                List<String> row = List.of("AT-" + i, "=persons_arrested", Integer.toString(i));
                rows.write(row);
                expected.append(CsvOutput.line(COLUMNS, row));
            }
        }
        byte[] body = expected.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        System.arraycopy(CsvOutput.BOM, 0, withBom, 0, 3);
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertEquals(new String(withBom, StandardCharsets.UTF_8), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(under.writes < 20, "1,000 rows (35 kB) reached the stream in " + under.writes + " writes");
        assertTrue(under.flushes <= 2, "the stream was flushed " + under.flushes + " times");
    }

    private static final class CountingFlushes extends FilterOutputStream {
        int writes;
        int flushes;

        CountingFlushes(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writes++;
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            flushes++;
            out.flush();
        }
    }
}
