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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files of the shipped releases (1.0.0, 46 records; 1.1.0, its change set applied), compared byte for
 * byte with golden copies in src/test/resources/golden/release-<version>. A change to any writer, to the
 * shipped records or to a release's frozen codebook shows here. A published release never changes: the
 * golden files of a new shipped release are made once with {@code -Dgolden.update=true}, and the diff must
 * leave every older release's files alone.
 */
@QuarkusTest
class ReleaseGoldenFilesTest {

    private static final List<String> FILES = List.of(
            "cases.csv",
            "cases.ndjson",
            "cases.geojson",
            "sources.csv",
            "counts.csv",
            "datapackage.json",
            "SHA256SUMS");

    private static Path golden(String version) {
        return Path.of("src", "test", "resources", "golden", "release-" + version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.1.0"})
    void everyFileOfAShippedReleaseIsItsGoldenFileByteForByte(String version) throws Exception {
        Path golden = golden(version);
        for (String name : FILES) {
            byte[] served = given().when()
                    .get("/v1/releases/" + version + "/files/" + name)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden);
                Files.write(golden.resolve(name), served);
            }
            assertArrayEquals(
                    Files.readAllBytes(golden.resolve(name)),
                    served,
                    version + " " + name + " differs from its golden file");
        }
    }

    /** The zip holds the golden files in a fixed order (its compressed bytes depend on the JDK's zlib). */
    @ParameterizedTest
    @CsvSource({"1.0.0, 2026-11-23T00:00", "1.1.0, 2026-12-01T00:00"})
    void theZipHoldsTheGoldenFilesInOrder(String version, String releasedAt) throws Exception {
        byte[] zip = given().when()
                .get("/v1/releases/" + version + "/files/armstrace.zip")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName().substring(("armstrace-" + version + "/").length());
                names.add(name);
                assertEquals(releasedAt, entry.getTimeLocal().toString(), name + ": dated the release's time");
                assertArrayEquals(
                        Files.readAllBytes(golden(version).resolve(name)), in.readAllBytes(), name + " in the zip");
            }
        }
        assertEquals(FILES, names);
    }
}
