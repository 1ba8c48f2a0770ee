package org.armstrace.releases;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes a release's zip: every file in a folder named after the release, dated the release's time (UTC),
 * deflated, in the order they are added. A file already deflated as it was written ({@link DeflatedFile})
 * goes in as its raw deflate data, without being read or compressed again; a small one is deflated first.
 * Answers where each file's entry starts, so that one file can be read back from the stored zip
 * ({@link StoredFiles}).
 *
 * <p>The container is written here (APPNOTE 6.3: local headers with their lengths and CRC-32 known, a
 * central directory, its end record) because the zip libraries at hand either cannot take deflate data
 * as it is ({@code java.util.zip}) or date entries through the machine's time zone (Commons Compress:
 * an hour off, in the hour a zone's clock skips). It has no ZIP64 records, so a release whose files
 * pass 4 GiB (about 2.5 million records) cannot be cut: {@link TooLarge}, which the cut answers as a 409
 * problem, changing nothing.
 */
final class ReleaseZip implements AutoCloseable {

    private static final long LIMIT = 0xFFFFFFFFL;
    private static final int VERSION = 20; // deflate
    private static final int UTF8_NAMES = 1 << 11;

    private final Counting out;
    private final String folder;
    private final int dosTime;
    private final int dosDate;
    private final int level;
    private final List<Central> entries = new ArrayList<>();
    private final Map<FileKind, Long> offsets = new EnumMap<>(FileKind.class);

    /**
     * A zip written to {@code path} whose entries are in {@code folder} and dated {@code time} (a local date
     * and time, as a zip keeps them, to two seconds), deflating small files at zlib's {@code level}.
     */
    ReleaseZip(Path path, String folder, LocalDateTime time, int level) throws IOException {
        this.out = new Counting(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
        this.folder = folder;
        LocalDateTime dated = time.getYear() < 1980 ? LocalDateTime.of(1980, 1, 1, 0, 0) : time;
        this.dosTime = dated.getHour() << 11 | dated.getMinute() << 5 | dated.getSecond() >> 1;
        this.dosDate = (dated.getYear() - 1980) << 9 | dated.getMonthValue() << 5 | dated.getDayOfMonth();
        this.level = level;
    }

    /** Adds a file as the deflate data it was written as. */
    void addDeflated(FileKind kind, DeflatedFile.Entry deflated) throws IOException {
        header(kind, deflated.crc(), deflated.compressedSize(), deflated.size());
        Files.copy(deflated.raw(), out);
    }

    /** Adds a file on disk, deflating it first (beside it, as {@link DeflatedFile} does for the record files). */
    void add(FileKind kind, Path file) throws IOException {
        DeflatedFile deflated = DeflatedFile.create(file.resolveSibling(file.getFileName() + ".deflate"), level, false);
        try (deflated) {
            Files.copy(file, deflated);
        }
        addDeflated(kind, deflated.entry());
    }

    /** Where each file's entry starts in the zip. */
    Map<FileKind, Long> offsets() {
        return offsets;
    }

    /** Writes the central directory and its end record, and closes the file. */
    @Override
    public void close() throws IOException {
        try (out) {
            long start = out.count;
            for (Central entry : entries) {
                ByteBuffer record = record(46 + entry.name.length)
                        .putInt(0x02014b50)
                        .putShort((short) VERSION) // made by: MS-DOS attributes, version 2.0
                        .putShort((short) VERSION);
                common(record, entry)
                        .putShort((short) 0) // comment
                        .putShort((short) 0) // disk
                        .putShort((short) 0) // internal attributes
                        .putInt(0) // external attributes
                        .putInt((int) entry.offset)
                        .put(entry.name);
                out.write(record.array());
            }
            long size = out.count - start;
            check(start + size, "the zip's central directory");
            ByteBuffer end = record(22)
                    .putInt(0x06054b50)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putShort((short) entries.size())
                    .putShort((short) entries.size())
                    .putInt((int) size)
                    .putInt((int) start)
                    .putShort((short) 0);
            out.write(end.array());
        }
    }

    /** A local header, noting where it starts: after the previous entry, which is complete. */
    private void header(FileKind kind, long crc, long compressedSize, long size) throws IOException {
        String name = folder + "/" + kind.fileName();
        check(size, name);
        check(compressedSize, name);
        check(out.count, name);
        Central entry = new Central(name.getBytes(StandardCharsets.UTF_8), crc, compressedSize, size, out.count);
        offsets.put(kind, entry.offset);
        entries.add(entry);
        ByteBuffer header = record(30 + entry.name.length).putInt(0x04034b50).putShort((short) VERSION);
        common(header, entry).put(entry.name);
        out.write(header.array());
    }

    /** The fields a local header and a central directory record share, from the flags to the extra field's length. */
    private ByteBuffer common(ByteBuffer record, Central entry) {
        return record.putShort((short) UTF8_NAMES)
                .putShort((short) Deflater.DEFLATED)
                .putShort((short) dosTime)
                .putShort((short) dosDate)
                .putInt((int) entry.crc)
                .putInt((int) entry.compressedSize)
                .putInt((int) entry.size)
                .putShort((short) entry.name.length)
                .putShort((short) 0);
    }

    private static ByteBuffer record(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void check(long value, String what) throws TooLarge {
        if (value >= LIMIT || entries.size() >= 0xFFFF) {
            throw new TooLarge(what + " passes the 4 GiB a release's zip can hold (it has no ZIP64 records)");
        }
    }

    /** The release's files do not fit in a zip without ZIP64 records. */
    static final class TooLarge extends IOException {

        TooLarge(String message) {
            super(message);
        }
    }

    private record Central(byte[] name, long crc, long compressedSize, long size, long offset) {}

    /** The bytes written through it so far. */
    private static final class Counting extends java.io.FilterOutputStream {

        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
