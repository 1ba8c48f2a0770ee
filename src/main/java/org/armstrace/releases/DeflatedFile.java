package org.armstrace.releases;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A file of a release's zip, deflated as it is written: only its raw deflate data reaches the disk, and
 * what the zip's entry and the release's listing need of it (length, CRC-32, SHA-256 sums) is taken on the
 * way. {@link ReleaseZip} then puts that data into the zip as it is, so the file is never written out whole
 * nor read back to be zipped. Give it large writes (it has a 64 KB buffer in front).
 */
final class DeflatedFile extends FilterOutputStream {

    private final Path raw;
    private final Deflater deflater;
    private final CRC32 crc;
    private final FileSums.Summing summing;
    private Entry entry;

    private DeflatedFile(Path raw, Deflater deflater, FileSums.Summing summing, CRC32 crc) {
        super(new BufferedOutputStream(new CheckedOutputStream(summing, crc), 1 << 16));
        this.raw = raw;
        this.deflater = deflater;
        this.summing = summing;
        this.crc = crc;
    }

    /**
     * Deflates what is written at zlib's {@code level} into {@code raw} (no zlib header: a zip entry's data);
     * {@code withBom}: also sum the bytes behind a UTF-8 byte order mark (a CSV file).
     */
    static DeflatedFile create(Path raw, int level, boolean withBom) throws IOException {
        Deflater deflater = new Deflater(level, true);
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16);
        FileSums.Summing summing = new FileSums.Summing(new DeflaterOutputStream(file, deflater, 1 << 16), withBom);
        return new DeflatedFile(raw, deflater, summing, new CRC32());
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Finishes the deflate data and closes its file; then {@link #entry()} describes it. */
    @Override
    public void close() throws IOException {
        if (entry != null) {
            return;
        }
        try {
            super.close(); // flushes the buffer, finishes the deflate stream, closes the file
            entry = new Entry(raw, deflater.getBytesRead(), deflater.getBytesWritten(), crc.getValue(), summing.sums());
        } finally {
            deflater.end();
        }
    }

    /** What was written, once closed. */
    Entry entry() {
        if (entry == null) {
            throw new IllegalStateException("not closed: " + raw);
        }
        return entry;
    }

    /**
     * A file deflated for the zip: its raw deflate data in {@code raw}, its length before and after, the
     * CRC-32 and the SHA-256 sums of its bytes.
     */
    record Entry(Path raw, long size, long compressedSize, long crc, FileSums sums) {}
}
