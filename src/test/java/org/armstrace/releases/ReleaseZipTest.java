package org.armstrace.releases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's zip made of files deflated as they were written reads back, with the JDK's own zip readers,
 * as the same bytes under the same names and date, from its central directory and from each entry's
 * offset (how a download of one file reads the stored zip).
 */
class ReleaseZipTest {

    private static final LocalDateTime RELEASED = LocalDateTime.parse("2026-03-29T02:30:04");

    @TempDir
    Path dir;

    @Test
    void filesDeflatedAsWrittenReadBackWholeFromTheDirectoryAndFromTheirOffsets() throws Exception {
        byte[] csv = text(200_000, "id,summary\nAT-000001,\"a, quoted \"\"value\"\"\"\n");
        byte[] ndjson = random(300_000); // incompressible: stored deflate blocks
        byte[] empty = new byte[0];
        byte[] small = "a small file, deflated by the zip\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("datapackage.json"), small);

        DeflatedFile.Entry csvEntry = deflated(FileKind.CASES_CSV, csv, true);
        DeflatedFile.Entry ndjsonEntry = deflated(FileKind.CASES_NDJSON, ndjson, false);
        DeflatedFile.Entry emptyEntry = deflated(FileKind.COUNTS_CSV, empty, true);
        assertEquals(csv.length, csvEntry.size());
        assertEquals(sha256(csv), csvEntry.sums().plain());
        assertEquals(sha256(withBom(csv)), csvEntry.sums().withBom());
        assertNull(ndjsonEntry.sums().withBom(), "only CSV files are summed behind a byte order mark");

        Path zipPath = dir.resolve("armstrace.zip");
        TimeZone zone = TimeZone.getDefault();
        Map<FileKind, Long> offsets;
        try {
            // the entries' date is the release's UTC time whatever the machine's zone (this one has a DST gap)
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
            try (ReleaseZip zip = new ReleaseZip(zipPath, "armstrace-1.2.3", RELEASED, 3)) {
                zip.addDeflated(FileKind.CASES_CSV, csvEntry);
                zip.addDeflated(FileKind.CASES_NDJSON, ndjsonEntry);
                zip.addDeflated(FileKind.COUNTS_CSV, emptyEntry);
                zip.add(FileKind.DATAPACKAGE, dir.resolve("datapackage.json"));
                offsets = zip.offsets();
            }
        } finally {
            TimeZone.setDefault(zone);
        }

        Map<FileKind, byte[]> expected = Map.of(
                FileKind.CASES_CSV, csv,
                FileKind.CASES_NDJSON, ndjson,
                FileKind.COUNTS_CSV, empty,
                FileKind.DATAPACKAGE, small);
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
            for (var file : expected.entrySet()) {
                ZipEntry entry = zip.getEntry("armstrace-1.2.3/" + file.getKey().fileName());
                assertEquals(ZipEntry.DEFLATED, entry.getMethod());
                assertEquals(RELEASED, entry.getTimeLocal(), entry.getName());
                assertArrayEquals(file.getValue(), zip.getInputStream(entry).readAllBytes(), entry.getName());
            }
        }
        assertEquals(
                List.of(
                        "armstrace-1.2.3/cases.csv",
                        "armstrace-1.2.3/cases.ndjson",
                        "armstrace-1.2.3/counts.csv",
                        "armstrace-1.2.3/datapackage.json"),
                names);

        byte[] bytes = Files.readAllBytes(zipPath);
        for (var file : expected.entrySet()) {
            int offset = Math.toIntExact(offsets.get(file.getKey()));
            try (ZipInputStream in =
                    new ZipInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset))) {
                ZipEntry entry = in.getNextEntry();
                assertEquals("armstrace-1.2.3/" + file.getKey().fileName(), entry.getName());
                // ZipInputStream checks the entry's CRC-32 and lengths as it reaches its end
                assertArrayEquals(file.getValue(), in.readAllBytes(), entry.getName());
            }
        }
    }

    @Test
    void aFilePastWhatAZipWithoutZip64CanHoldIsRefusedBeforeAnythingOfItIsWritten() throws Exception {
        DeflatedFile.Entry small = deflated(FileKind.COUNTS_CSV, "a,b\n".getBytes(StandardCharsets.UTF_8), true);
        DeflatedFile.Entry huge = new DeflatedFile.Entry(small.raw(), 1L << 32, 1L << 31, small.crc(), small.sums());
        Path zipPath = dir.resolve("armstrace.zip");
        try (ReleaseZip zip = new ReleaseZip(zipPath, "armstrace-1.2.3", RELEASED, 3)) {
            ReleaseZip.TooLarge refused =
                    assertThrows(ReleaseZip.TooLarge.class, () -> zip.addDeflated(FileKind.CASES_CSV, huge));
            assertTrue(refused.getMessage().contains("armstrace-1.2.3/cases.csv"), refused.getMessage());
            assertTrue(refused.getMessage().contains("4 GiB"), refused.getMessage());
            assertEquals(Map.of(), zip.offsets(), "no entry of it");
        }
    }

    private DeflatedFile.Entry deflated(FileKind kind, byte[] content, boolean csv) throws IOException {
        DeflatedFile file = DeflatedFile.create(dir.resolve(kind.fileName() + ".deflate"), 3, csv);
        try (OutputStream out = file) {
            for (int i = 0; i < content.length; i += 777) { // in uneven pieces, as rows come
                out.write(content, i, Math.min(777, content.length - i));
            }
        }
        return file.entry();
    }

    private static byte[] text(int length, String pattern) {
        StringBuilder text = new StringBuilder(length + pattern.length());
        for (int i = 0; text.length() < length; i++) {
            text.append(pattern.replace("000001", String.format("%06d", i)));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static byte[] withBom(byte[] content) {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] all = new byte[content.length + 3];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(content, 0, all, 3, content.length);
        return all;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
