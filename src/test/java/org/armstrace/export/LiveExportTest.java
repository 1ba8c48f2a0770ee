package org.armstrace.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CuratorActions;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Exports stream every matching record in CSV, NDJSON or GeoJSON, and an export can be imported back. */
@QuarkusTest
class LiveExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Tokens tokens;

    private static List<String> ids(String query) {
        return given().when()
                .get("/v1/cases?limit=500&" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
    }

    @Test
    void csvHasTheDocumentedColumnsAndEveryRecord() throws Exception {
        byte[] body = given().accept("text/csv")
                .when()
                .get("/v1/cases?country=GB,FR&sort=id")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asByteArray();
        List<List<String>> rows = parseCsv(body);
        assertEquals(RecordFormats.csvColumns(), rows.get(0));
        assertEquals(
                ids("country=GB,FR&sort=id"),
                rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList());
        String csv = new String(body, StandardCharsets.UTF_8);
        assertTrue(csv.contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void aBomIsThereOnlyWhenAskedAndFormatWorksWithoutAccept() {
        byte[] plain = given().when()
                .get("/v1/cases?format=csv&country=BE")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asByteArray();
        byte[] withBom = given().when()
                .get("/v1/cases?format=csv&country=BE&bom=true")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(withBom, 3));
        assertArrayEquals(plain, Arrays.copyOfRange(withBom, 3, withBom.length));
    }

    @Test
    void ndjsonHasOneRecordALine() throws Exception {
        String body = given().accept("application/x-ndjson")
                .when()
                .get("/v1/cases?context=extremist_far_right")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .extract()
                .asString();
        List<String> lines = body.lines().toList();
        assertEquals(
                ids("context=extremist_far_right"),
                lines.stream().map(l -> read(l).path("id").asText()).toList());
        lines.forEach(
                l -> assertEquals("extremist_far_right", read(l).path("context").asText()));
    }

    @Test
    void geojsonIsAFeatureCollectionOfLonLatPoints() throws Exception {
        JsonNode collection = JSON.readTree(given().accept("application/geo+json")
                .when()
                .get("/v1/cases?country=FR")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/geo+json"))
                .extract()
                .asString());
        assertEquals("FeatureCollection", collection.path("type").asText());
        assertEquals(ids("country=FR").size(), collection.path("features").size());
        JsonNode marseille = null;
        for (JsonNode f : collection.path("features")) {
            if (f.path("id").asText().equals("AT-000035")) {
                marseille = f;
            }
        }
        // placed at Marseille since 1.1.0 (the investigating court's city)
        assertEquals(5.37, marseille.at("/geometry/coordinates/0").asDouble(), 1e-9, "longitude first");
        assertEquals(43.30, marseille.at("/geometry/coordinates/1").asDouble(), 1e-9);
        assertEquals("network_dismantled", marseille.at("/properties/case_type").asText());
    }

    /**
     * An export is written once and sent again from its file until the dataset changes: the same bytes and
     * Content-Length each time, and the change in the very next export after a correction.
     */
    @Test
    void anExportAskedAgainIsTheSameFileUntilARecordChanges() {
        String editor = tokens.secret(Role.EDITOR);
        String id = CuratorActions.publishNew(editor, "HM");
        String url = "/v1/cases?country=HM&sort=id&format=csv";
        byte[] first = csvBytes(url);
        assertArrayEquals(first, csvBytes(url), "the same export twice, nothing changed in between");
        assertTrue(new String(first, StandardCharsets.UTF_8).contains(id + ","));

        CuratorActions.correctOutcome(editor, id, 2, "Corrected after the first export.");
        byte[] after = csvBytes(url);
        assertTrue(
                new String(after, StandardCharsets.UTF_8).contains("Corrected after the first export."),
                "the export after a correction shows it");
        assertArrayEquals(after, csvBytes(url));
        byte[] withBom = given().when()
                .get(url + "&bom=true")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertArrayEquals(CsvOutput.BOM, Arrays.copyOf(withBom, 3));
        assertArrayEquals(after, Arrays.copyOfRange(withBom, 3, withBom.length));
    }

    /** A HEAD request gets the export's headers; the file opened for it is closed when the answer ends. */
    @Test
    void aHeadRequestForAnExportLeavesNoFileOpen() throws Exception {
        long before = openExportFiles();
        for (int i = 0; i < 20; i++) {
            given().when()
                    .head("/v1/cases?country=FR&format=csv")
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("text/csv"));
        }
        long deadline = System.nanoTime() + 10_000_000_000L; // a bound on the wait, not a measure of speed
        while (openExportFiles() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before, openExportFiles(), "export files still open after 20 HEAD requests");
    }

    /** How many files this JVM (the test and the service in it) holds open in the exports' folders. */
    private static long openExportFiles() throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            return java.nio.file.Files.readSymbolicLink(fd)
                                    .toString()
                                    .contains("export-");
                        } catch (java.io.IOException | UnsupportedOperationException e) {
                            return false;
                        }
                    })
                    .count();
        }
    }

    private static byte[] csvBytes(String url) {
        io.restassured.response.Response response = given().config(io.restassured.RestAssured.config()
                        .decoderConfig(io.restassured.config.DecoderConfig.decoderConfig()
                                .noContentDecoders()))
                .when()
                .get(url)
                .then()
                .statusCode(200)
                .extract()
                .response();
        byte[] body = response.asByteArray();
        assertEquals(String.valueOf(body.length), response.header("Content-Length"), "Content-Length of " + url);
        return body;
    }

    @Test
    void anExportedCsvImportsBackWithoutAnError() {
        byte[] csv = given().when()
                .get("/v1/cases?format=csv")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        given().header("Authorization", "Bearer " + tokens.secret(Role.CURATOR))
                .contentType("text/csv")
                .body(csv)
                .queryParam("dry_run", true)
                .when()
                .post("/v1/curation/imports")
                .then()
                .statusCode(200)
                .body("rows", equalTo(parseCsvUnchecked(csv).size() - 1))
                .body("written", equalTo(0));
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static List<List<String>> parseCsvUnchecked(byte[] body) {
        try {
            return parseCsv(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<List<String>> parseCsv(byte[] body) throws Exception {
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it =
                csv.readerForListOf(String.class).readValues(body)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
