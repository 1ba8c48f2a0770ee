package org.armstrace.releases;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.armstrace.export.CsvOutput;

/**
 * The hex SHA-256 of a release file and, for a CSV file, the SHA-256 of its bytes behind a UTF-8 byte order
 * mark (what {@code bom=true} serves; {@code withBom} is null otherwise).
 */
record FileSums(String plain, String withBom) {

    /** The sums of a file on disk, from one read. */
    static FileSums of(Path path, boolean withBom) throws IOException {
        Summing summing = new Summing(OutputStream.nullOutputStream(), withBom);
        try (InputStream in = Files.newInputStream(path)) {
            in.transferTo(summing);
        }
        return summing.sums();
    }

    /**
     * Passes bytes on and takes their sums on the way, so that a file is summed as it is written. Give it
     * large writes (put a buffer in front of it): each write updates the digests once.
     */
    static final class Summing extends FilterOutputStream {

        private final MessageDigest plain;
        private final MessageDigest bom;

        Summing(OutputStream out, boolean withBom) {
            super(out);
            try {
                plain = MessageDigest.getInstance("SHA-256");
                bom = withBom ? MessageDigest.getInstance("SHA-256") : null;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            if (bom != null) {
                bom.update(CsvOutput.BOM);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            plain.update(b, off, len);
            if (bom != null) {
                bom.update(b, off, len);
            }
        }

        /** The sums of everything written (call once, after the last write). */
        FileSums sums() {
            HexFormat hex = HexFormat.of();
            return new FileSums(hex.formatHex(plain.digest()), bom == null ? null : hex.formatHex(bom.digest()));
        }
    }
}
