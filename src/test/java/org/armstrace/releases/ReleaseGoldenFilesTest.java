package org.armstrace.releases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The files of the shipped release (1.0.0, 46 records), compared byte for byte with golden copies in
 * src/test/resources/golden/release-1.0.0. A change to any writer shows here. If it is intended (and
 * only then: a published release never changes, this guards the files of releases still to come),
 * run the test with {@code -Dgolden.update=true} and review the diff of the golden files.
 */
@QuarkusTest
class ReleaseGoldenFilesTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "release-1.0.0");
    private static final List<String> FILES = List.of(
            "cases.csv",
            "cases.ndjson",
            "cases.geojson",
            "sources.csv",
            "counts.csv",
            "datapackage.json",
            "SHA256SUMS");

    @Test
    void everyFileOfTheShippedReleaseIsItsGoldenFileByteForByte() throws Exception {
        for (String name : FILES) {
            byte[] served = given().when()
                    .get("/v1/releases/1.0.0/files/" + name)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(GOLDEN);
                Files.write(GOLDEN.resolve(name), served);
            }
            assertArrayEquals(Files.readAllBytes(GOLDEN.resolve(name)), served, name + " differs from its golden file");
        }
    }

    /** The zip holds the golden files in a fixed order (its compressed bytes depend on the JDK's zlib). */
    @Test
    void theZipHoldsTheGoldenFilesInOrder() throws Exception {
        byte[] zip = given().when()
                .get("/v1/releases/1.0.0/files/armstrace.zip")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName().substring("armstrace-1.0.0/".length());
                names.add(name);
                assertEquals("2026-11-23T00:00", entry.getTimeLocal().toString(), name + ": dated the release's time");
                assertArrayEquals(Files.readAllBytes(GOLDEN.resolve(name)), in.readAllBytes(), name + " in the zip");
            }
        }
        assertEquals(FILES, names);
    }
}
