package org.armstrace.releases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a file that a release keeps only inside its stored zip: the zip's chunks from the file's entry
 * on, inflated. Inflating gives back the very bytes that were zipped, and {@link ZipInputStream} checks
 * their CRC-32 and length at the entry's end. Each chunk is read in a transaction of its own, as stored
 * files are, so a slow client holds no database connection.
 */
@ApplicationScoped
public class ZippedFiles {

    private final ReleaseStore store;

    public ZippedFiles(ReleaseStore store) {
        this.store = store;
    }

    /** The bytes of {@code file}, read from {@code zip} (the same release's stored armstrace.zip). */
    public InputStream open(ReleaseStore.Row release, ReleaseStore.FileRow zip, ReleaseStore.FileRow file)
            throws IOException {
        ZipInputStream in =
                new ZipInputStream(new Chunks(release.id(), zip.bytes(), file.zipOffset()), StandardCharsets.UTF_8);
        ZipEntry entry = in.getNextEntry();
        String expected = ReleaseFiles.entryName(release, file.kind());
        if (entry == null || !entry.getName().equals(expected)) {
            in.close();
            throw new ZipException("release " + release.version() + ": no entry " + expected + " at offset "
                    + file.zipOffset() + " of its zip");
        }
        return in;
    }

    /** The stored zip's bytes from an offset on, a chunk at a time. */
    private final class Chunks extends InputStream {

        private final long releaseId;
        private final long chunks;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        Chunks(long releaseId, long zipBytes, long offset) {
            this.releaseId = releaseId;
            this.chunks = (zipBytes + ReleaseStore.CHUNK_BYTES - 1) / ReleaseStore.CHUNK_BYTES;
            this.next = (int) (offset / ReleaseStore.CHUNK_BYTES);
            load();
            this.position = (int) (offset % ReleaseStore.CHUNK_BYTES);
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
            current = QuarkusTransaction.requiringNew().call(() -> store.chunk(releaseId, FileKind.ZIP, chunk));
            position = 0;
            return true;
        }
    }
}
