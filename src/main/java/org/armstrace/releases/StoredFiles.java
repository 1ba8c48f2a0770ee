package org.armstrace.releases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads the bytes of a release's file from the database, a stored chunk at a time, each chunk in a
 * transaction of its own, so that a slow client holds no database connection. A file stored whole is
 * its chunks; a file kept only inside the release's zip (it has a zip offset) is the zip's chunks from
 * its entry on, inflated: inflating gives back the very bytes that were zipped, and
 * {@link ZipInputStream} checks their CRC-32 and length at the entry's end.
 */
@ApplicationScoped
public class StoredFiles {

    private final ReleaseStore store;

    public StoredFiles(ReleaseStore store) {
        this.store = store;
    }

    /** The bytes of {@code file}, one of {@code files}, the files of {@code release}. */
    public InputStream open(ReleaseStore.Row release, List<ReleaseStore.FileRow> files, ReleaseStore.FileRow file)
            throws IOException {
        if (file.zipOffset() == null) {
            return new Chunks(release.id(), file.kind(), file.bytes(), 0);
        }
        ReleaseStore.FileRow zip = files.stream()
                .filter(f -> f.kind() == FileKind.ZIP)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("release " + release.version() + " has no zip"));
        ZipInputStream in = new ZipInputStream(
                new Chunks(release.id(), FileKind.ZIP, zip.bytes(), file.zipOffset()), StandardCharsets.UTF_8);
        ZipEntry entry = in.getNextEntry();
        String expected = ReleaseFiles.entryName(release, file.kind());
        if (entry == null || !entry.getName().equals(expected)) {
            in.close();
            throw new ZipException("release " + release.version() + ": no entry " + expected + " at offset "
                    + file.zipOffset() + " of its zip");
        }
        return in;
    }

    /** A stored file's bytes from an offset on, a chunk at a time. */
    private final class Chunks extends InputStream {

        private final long releaseId;
        private final FileKind kind;
        private final long chunks;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        Chunks(long releaseId, FileKind kind, long bytes, long offset) {
            this.releaseId = releaseId;
            this.kind = kind;
            this.chunks = (bytes + ReleaseStore.CHUNK_BYTES - 1) / ReleaseStore.CHUNK_BYTES;
            this.next = (int) (offset / ReleaseStore.CHUNK_BYTES);
            if (load()) {
                this.position = (int) (offset % ReleaseStore.CHUNK_BYTES);
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (position == current.length) {
                if (!load()) {
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean load() {
            if (next >= chunks) {
                return false;
            }
            int chunk = next++;
            current = QuarkusTransaction.requiringNew().call(() -> store.chunk(releaseId, kind, chunk));
            position = 0;
            return true;
        }
    }
}
