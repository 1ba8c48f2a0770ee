package org.armstrace.releases;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.armstrace.testing.ProblemAssertions.assertProblemNames;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.JsonPatch;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CuratorActions;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Releases are citable, downloadable, immutable and comparable. */
@QuarkusTest
class ReleasesTest {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final List<String> FILES = List.of(
            "cases.csv",
            "cases.ndjson",
            "cases.geojson",
            "sources.csv",
            "counts.csv",
            "datapackage.json",
            "SHA256SUMS",
            "armstrace.zip");
    /** Records these tests make live in a country that no shipped record uses. */
    private static final String COUNTRY = "GL";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Tokens tokens;

    @Inject
    DataSource db;

    @Test
    void theShippedDatasetIsTheFirstRelease() {
        given().when()
                .get("/v1/releases/1.0.0")
                .then()
                .statusCode(200)
                .header("Cache-Control", IMMUTABLE)
                .header(
                        "Link",
                        "</v1/releases/1.0.0>; rel=\"cite-as\", <https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"")
                .body("version", equalTo("1.0.0"))
                .body("released_at", equalTo("2026-11-23T00:00:00Z"))
                .body("record_count", equalTo(46))
                .body("last_sequence", equalTo(46))
                .body("previous_version", nullValue())
                .body("files.name", equalTo(FILES))
                .body("files[0].url", equalTo("/v1/releases/1.0.0/files/cases.csv"));
        JsonPath all = given().when()
                .get("/v1/releases")
                .then()
                .statusCode(200)
                .header("Cache-Control", "public, max-age=60")
                .extract()
                .jsonPath();
        assertEquals("1.0.0", all.getString("items[-1].version"), "oldest last");
        String newest = all.getString("items[0].version");
        given().when()
                .get("/v1/releases/latest")
                .then()
                .statusCode(200)
                .header("Content-Location", "/v1/releases/" + newest)
                .header("Cache-Control", "public, max-age=60")
                .body("version", equalTo(newest));
    }

    @Test
    void everyFileIsTheSameBytesOnEveryDownloadAndMatchesItsChecksums() throws Exception {
        JsonPath release =
                given().when().get("/v1/releases/1.0.0").then().extract().jsonPath();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            byte[] first = download("1.0.0", name);
            byte[] second = download("1.0.0", name);
            assertArrayEquals(first, second, name + " twice");
            String sha = sha256(first);
            assertEquals(sha, release.getString("files.find { it.name == '" + name + "' }.sha256"), name);
            assertEquals(first.length, release.getLong("files.find { it.name == '" + name + "' }.bytes"), name);
            given().when()
                    .get("/v1/releases/1.0.0/files/" + name)
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"" + sha + "\"")
                    .header("Cache-Control", IMMUTABLE)
                    .header("Content-Length", String.valueOf(first.length))
                    .header("Content-Type", release.getString("files.find { it.name == '" + name + "' }.media_type"))
                    .header("Content-Disposition", startsWith("attachment; filename=\"armstrace-1.0.0"));
            given().header("If-None-Match", "\"" + sha + "\"")
                    .when()
                    .get("/v1/releases/1.0.0/files/" + name)
                    .then()
                    .statusCode(304)
                    .body(emptyString());
            files.put(name, first);
        }

        String sums = new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        for (String name : FILES.subList(0, 6)) {
            expected.append(sha256(files.get(name))).append("  ").append(name).append('\n');
        }
        assertEquals(expected.toString(), sums, "sha256sum format, every file but itself and the zip");

        Map<String, byte[]> zipped = unzip(files.get("armstrace.zip"));
        assertEquals(
                FILES.subList(0, 7).stream().map(n -> "armstrace-1.0.0/" + n).toList(), List.copyOf(zipped.keySet()));
        for (String name : FILES.subList(0, 7)) {
            assertArrayEquals(files.get(name), zipped.get("armstrace-1.0.0/" + name), name + " in the zip");
        }
    }

    @Test
    void csvFilesComeWithAByteOrderMarkOnRequest() throws Exception {
        byte[] plain = download("1.0.0", "cases.csv");
        byte[] withBom = given().queryParam("bom", true)
                .when()
                .get("/v1/releases/1.0.0/files/cases.csv")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(withBom, 3));
        assertArrayEquals(plain, java.util.Arrays.copyOfRange(withBom, 3, withBom.length));
        given().queryParam("bom", true)
                .when()
                .get("/v1/releases/1.0.0/files/cases.csv")
                .then()
                .header("ETag", "\"" + sha256(withBom) + "\"");
        assertTrue(new String(plain, StandardCharsets.UTF_8)
                .startsWith("id,status,version,created_at,updated_at,event_date"));
        assertTrue(new String(plain, StandardCharsets.UTF_8).contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void laterEditsChangeNeitherAReleaseNorItsPinnedQueriesAndTheChangesSayWhatChanged() throws Exception {
        String editor = tokens.secret(Role.EDITOR);
        String corrected = CuratorActions.publishNew(editor, COUNTRY);
        String retracted = CuratorActions.publishNew(editor, COUNTRY);
        String older = cut(editor, "Before the corrections.");
        Map<String, byte[]> before = pinned(older);

        given().header("Authorization", "Bearer " + editor)
                .header("If-Match", "\"v2\"")
                .contentType("application/merge-patch+json")
                .body(
                        "{\"outcome\": \"Two men were charged.\", \"counts\": {\"persons_arrested\": {\"value\": 2, \"qualifier\": \"exact\"}}}")
                .when()
                .patch("/v1/curation/cases/" + corrected)
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + editor)
                .header("If-Match", "\"v2\"")
                .contentType("application/json")
                .body("{\"reason\": \"The seized items were replicas.\"}")
                .when()
                .post("/v1/curation/cases/" + retracted + "/retract")
                .then()
                .statusCode(200);
        String added = CuratorActions.publishNew(editor, COUNTRY);
        assertNotEquals(new String(before.get("live")), new String(live()), "the live answer did change");
        String newer = cut(editor, "Corrections.");

        Map<String, byte[]> after = pinned(older);
        for (String key : before.keySet()) {
            if (!key.equals("live")) {
                assertArrayEquals(before.get(key), after.get(key), key + " of release " + older + " changed");
            }
        }

        JsonPath changes = given().queryParam("since", older)
                .when()
                .get("/v1/releases/" + newer + "/changes")
                .then()
                .statusCode(200)
                .header("Cache-Control", IMMUTABLE)
                .extract()
                .jsonPath();
        assertEquals(newer, changes.getString("version"));
        assertEquals(older, changes.getString("since"));
        assertEquals(List.of(corrected, retracted, added), changes.getList("items.id"));
        assertEquals(List.of("updated", "retracted", "added"), changes.getList("items.change"));
        assertEquals(
                List.of(1, 1, 1),
                List.of(changes.getInt("added"), changes.getInt("updated"), changes.getInt("retracted")));
        assertEquals(3, changes.getInt("items[0].version"));
        assertEquals(2, changes.getInt("items[0].previous_version"));

        // the RFC 6902 patch turns the record of the older release into the record of the newer one
        JsonNode body = JSON.readTree(given().when()
                .get("/v1/releases/" + newer + "/changes?since=" + older)
                .then()
                .extract()
                .asByteArray());
        assertEquals(frozen(newer, corrected), JsonPatch.apply(body.at("/items/0/patch"), frozen(older, corrected)));

        assertEquals(
                body,
                JSON.readTree(given().when()
                        .get("/v1/releases/" + newer + "/changes")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray()),
                "since defaults to the release before");
        String csv = given().queryParam("since", older)
                .queryParam("format", "csv")
                .when()
                .get("/v1/releases/" + newer + "/changes")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertTrue(csv.startsWith("id,change,version,previous_version,op,path,from,value\r\n"), csv);
        assertTrue(
                csv.contains(corrected + ",updated,3,2,replace,/outcome,,\"\"\"Two men were charged.\"\"\"\r\n"), csv);
        assertTrue(csv.contains(retracted + ",retracted,,2,,,,\r\n"), csv);
        assertTrue(csv.endsWith(added + ",added,2,,,,,\r\n"), csv);
        String tag = given().when()
                .get("/v1/releases/" + newer + "/changes")
                .then()
                .extract()
                .header("ETag");
        given().header("If-None-Match", tag)
                .when()
                .get("/v1/releases/" + newer + "/changes")
                .then()
                .statusCode(304);
        given().header(
                        "If-None-Match",
                        given().when()
                                .get("/v1/releases/" + newer)
                                .then()
                                .extract()
                                .header("ETag"))
                .when()
                .get("/v1/releases/" + newer)
                .then()
                .statusCode(304);

        // one record as each release froze it: a retracted record stays readable in the release that held it
        assertEquals(
                frozen(older, corrected),
                JSON.readTree(given().when()
                        .get("/v1/releases/" + older + "/cases/" + corrected)
                        .then()
                        .statusCode(200)
                        .header("ETag", "W/\"v2\"")
                        .header("Cache-Control", IMMUTABLE)
                        .header(
                                "Link",
                                startsWith("</v1/releases/" + older + "/cases/" + corrected + ">; rel=\"cite-as\""))
                        .extract()
                        .asByteArray()));
        String recordTag = given().when()
                .get("/v1/releases/" + older + "/cases/" + corrected)
                .then()
                .extract()
                .header("ETag");
        given().header("If-None-Match", recordTag)
                .when()
                .get("/v1/releases/" + older + "/cases/" + corrected)
                .then()
                .statusCode(304);
        given().when()
                .get("/v1/releases/" + older + "/cases/" + retracted)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"));
        given().when().get("/v1/cases/" + retracted).then().statusCode(410);
        assertProblemNames(
                given().when()
                        .get("/v1/releases/" + newer + "/cases/" + retracted)
                        .then(),
                404,
                "not-found",
                "id");
        assertProblemNames(
                given().when().get("/v1/releases/9.9.9/cases/" + corrected).then(), 404, "not-found", "version");

        given().queryParam("release", newer)
                .queryParam("country", COUNTRY)
                .queryParam("limit", 500)
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItems(corrected, added))
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(retracted)));
    }

    @Test
    void releaseVersionsOnlyGoUpAndABadRequestCutsNothing() {
        String editor = tokens.secret(Role.EDITOR);
        String latest =
                given().when().get("/v1/releases/latest").then().extract().path("version");
        int count = given().when()
                .get("/v1/releases")
                .then()
                .extract()
                .jsonPath()
                .getList("items")
                .size();
        assertProblemNames(
                create(editor, "{\"version\": \"" + latest + "\", \"notes\": \"Again.\"}")
                        .then(),
                409,
                "conflict",
                "version");
        assertProblemNames(
                create(editor, "{\"version\": \"0.9.0\", \"notes\": \"Older.\"}")
                        .then(),
                409,
                "conflict",
                "version");
        assertProblemNames(
                create(editor, "{\"version\": \"2.0\", \"notes\": \"Not semantic.\"}")
                        .then(),
                400,
                "invalid-body",
                "version");
        assertProblemNames(create(editor, "{\"version\": \"50.0.0\"}").then(), 400, "invalid-body", "notes");
        assertProblemNames(
                create(editor, "{\"version\": \"50.0.0\", \"notes\": \"x\", \"files\": []}")
                        .then(),
                400,
                "invalid-body",
                "files");
        assertProblem(create(editor, "{\"version\": ").then(), 400, "malformed-request");
        assertEquals(
                count,
                given().when()
                        .get("/v1/releases")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items")
                        .size());
    }

    @Test
    void unknownReleasesAre404AndMalformedNamesOrBadComparisonsAre400() {
        assertProblemNames(given().when().get("/v1/releases/9.9.9").then(), 404, "not-found", "version");
        assertProblemNames(
                given().when().get("/v1/releases/9.9.9/files/cases.csv").then(), 404, "not-found", "version");
        assertProblemNames(
                given().when().get("/v1/releases/1.0.0/files/secrets.txt").then(),
                400,
                "invalid-parameter",
                "name",
                "enum");
        assertProblemNames(
                given().when().get("/v1/releases/1.0/files/cases.csv").then(),
                400,
                "invalid-parameter",
                "version",
                "pattern");
        assertProblemNames(
                given().when().get("/v1/releases/01.0.0").then(), 400, "invalid-parameter", "version", "pattern");
        assertProblemNames(
                given().queryParam("release", "9.9.9").when().get("/v1/cases").then(), 404, "not-found", "release");
        assertProblemNames(
                given().queryParam("release", "9.9.9")
                        .queryParam("format", "csv")
                        .when()
                        .get("/v1/cases")
                        .then(),
                404,
                "not-found",
                "release");
        assertProblemNames(
                given().queryParam("release", "9.9.9")
                        .queryParam("group_by", "country")
                        .when()
                        .get("/v1/stats")
                        .then(),
                404,
                "not-found",
                "release");
        assertProblemNames(
                given().queryParam("release", "latest").when().get("/v1/cases").then(),
                400,
                "invalid-parameter",
                "release");
        assertProblemNames(given().when().get("/v1/releases/1.0.0/changes").then(), 400, "invalid-parameter", "since");
        assertProblemNames(
                given().queryParam("since", "1.0.0")
                        .when()
                        .get("/v1/releases/1.0.0/changes")
                        .then(),
                400,
                "invalid-parameter",
                "since");
        assertProblemNames(
                given().queryParam("since", "9.9.9")
                        .when()
                        .get("/v1/releases/1.0.0/changes")
                        .then(),
                404,
                "not-found",
                "since");
    }

    @Test
    void pinnedQueriesAnswerAsTheReleaseAndMayBeCachedForever() {
        given().queryParam("release", "1.0.0")
                .queryParam("limit", 500)
                .queryParam("count", true)
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .header("Cache-Control", IMMUTABLE)
                .body("total_count", equalTo(46));
        given().queryParam("release", "1.0.0")
                .queryParam("q", "telegram")
                .queryParam("sort", "relevance")
                .queryParam("facet", "country")
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.greaterThan(0))
                .body("facets.country.size()", org.hamcrest.Matchers.greaterThan(0));
        given().queryParam("release", "1.0.0")
                .queryParam("group_by", "region")
                .queryParam("sum", "persons_arrested")
                .when()
                .get("/v1/stats")
                .then()
                .statusCode(200)
                .header("Cache-Control", IMMUTABLE)
                .body("rows.records.sum()", equalTo(46));
        String tag = given().queryParam("release", "1.0.0")
                .queryParam("country", "FR")
                .when()
                .get("/v1/cases")
                .then()
                .extract()
                .header("ETag");
        given().header("If-None-Match", tag)
                .queryParam("release", "1.0.0")
                .queryParam("country", "FR")
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(304)
                .header("Cache-Control", IMMUTABLE);
        byte[] export = given().queryParam("release", "1.0.0")
                .queryParam("format", "ndjson")
                .queryParam("sort", "id")
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .header("Cache-Control", IMMUTABLE)
                .extract()
                .asByteArray();
        assertArrayEquals(
                download("1.0.0", "cases.ndjson"), export, "a pinned export of everything is the release file");
    }

    @Test
    void anUnchangedRecordReadsTheSameLiveAndPinned() throws Exception {
        JsonNode live = JSON.readTree(given().when()
                .get("/v1/cases/AT-000001")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertTrue(live.path("counts").size() > 1, "a record with several counts, whose order could differ");
        JsonNode pinned = JSON.readTree(given().queryParam("release", "1.1.0")
                        .queryParam("sort", "id")
                        .queryParam("limit", 1)
                        .when()
                        .get("/v1/cases")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray())
                .at("/items/0");
        assertEquals(live.toString(), pinned.toString(), "same fields, same order");
    }

    @Test
    void aCutKeepsTheFilesOfRecordsOnlyInsideItsZip() throws SQLException {
        Map<String, String> stored = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                var rows = c.createStatement().executeQuery("""
                        select f.name, f.zip_offset is not null as in_zip,
                               (select count(*) from release_file_chunk k where k.release_id = f.release_id
                                and k.name = f.name) as chunks
                        from release_file f join release r on r.id = f.release_id
                        where r.version = '1.0.0' order by f.position""")) {
            while (rows.next()) {
                stored.put(rows.getString("name"), rows.getBoolean("in_zip") + "/" + rows.getLong("chunks"));
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        FILES.subList(0, 5).forEach(name -> expected.put(name, "true/0"));
        FILES.subList(5, 8).forEach(name -> expected.put(name, "false/1"));
        // everyFileIsTheSameBytesOnEveryDownloadAndMatchesItsChecksums downloads them all
        assertEquals(expected, stored, "name -> kept in the zip / chunks of its own");
    }

    @Test
    void aFileStoredWholeByAnEarlierCutIsServedAsStored() throws Exception {
        byte[] bytes = "case_id,count_key,value,qualifier,note\r\n"
                .repeat(30_000)
                .getBytes(StandardCharsets.UTF_8); // two chunks: 1 MiB and the rest
        byte[] withBom = new byte[bytes.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(bytes, 0, withBom, 3, bytes.length);
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("""
                    insert into release (version, major, minor, patch, released_at, notes, record_count, last_sequence)
                    values ('89.0.0', 89, 0, 0, now(), 'Synthetic: files stored whole, as before V12.', 0, 0)""");
            try (var file = c.prepareStatement("""
                    insert into release_file (release_id, position, name, media_type, bytes, sha256, bom_sha256)
                    select id, 0, 'counts.csv', 'text/csv; charset=UTF-8', ?, ?, ? from release where version = '89.0.0'""")) {
                file.setLong(1, bytes.length);
                file.setString(2, sha256(bytes));
                file.setString(3, sha256(withBom));
                file.executeUpdate();
            }
            try (var chunk = c.prepareStatement("""
                    insert into release_file_chunk (release_id, name, chunk, data)
                    select id, 'counts.csv', ?, ? from release where version = '89.0.0'""")) {
                chunk.setInt(1, 0);
                chunk.setBytes(2, java.util.Arrays.copyOfRange(bytes, 0, 1 << 20));
                chunk.executeUpdate();
                chunk.setInt(1, 1);
                chunk.setBytes(2, java.util.Arrays.copyOfRange(bytes, 1 << 20, bytes.length));
                chunk.executeUpdate();
            }
        }
        assertArrayEquals(bytes, download("89.0.0", "counts.csv"));
        given().when()
                .get("/v1/releases/89.0.0/files/counts.csv")
                .then()
                .statusCode(200)
                .header("ETag", "\"" + sha256(bytes) + "\"")
                .header("Content-Length", String.valueOf(bytes.length));
        byte[] served = given().queryParam("bom", true)
                .when()
                .get("/v1/releases/89.0.0/files/counts.csv")
                .then()
                .statusCode(200)
                .header("ETag", "\"" + sha256(withBom) + "\"")
                .extract()
                .asByteArray();
        assertArrayEquals(withBom, served);
    }

    @Test
    void theDatabaseRefusesToChangeAReleaseAfterTheFact() throws SQLException {
        try (Connection c = db.getConnection()) {
            for (String sql : List.of(
                    "update release set notes = 'rewritten'",
                    "delete from release_case",
                    "update release_file set sha256 = repeat('0', 64)",
                    "delete from release_file_chunk",
                    "truncate release_case cascade")) {
                SQLException refused = assertThrows(
                        SQLException.class, () -> c.createStatement().executeUpdate(sql), sql);
                assertTrue(refused.getMessage().contains("immutable"), refused.getMessage());
            }
        }
    }

    /** Bytes of every file of a release and of pinned queries over it, and of the live answer to compare. */
    private Map<String, byte[]> pinned(String version) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : FILES) {
            out.put(name, download(version, name));
        }
        out.put(
                "release",
                given().when()
                        .get("/v1/releases/" + version)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        out.put(
                "list",
                given().queryParam("release", version)
                        .queryParam("country", COUNTRY)
                        .queryParam("limit", 500)
                        .when()
                        .get("/v1/cases")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        out.put(
                "csv",
                given().queryParam("release", version)
                        .queryParam("country", COUNTRY)
                        .queryParam("format", "csv")
                        .when()
                        .get("/v1/cases")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        out.put(
                "stats",
                given().queryParam("release", version)
                        .queryParam("group_by", "country")
                        .queryParam("sum", "persons_arrested")
                        .when()
                        .get("/v1/stats")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        out.put("live", live());
        return out;
    }

    /** A record as a release froze it, read through a pinned query. */
    private static JsonNode frozen(String version, String id) throws Exception {
        for (JsonNode record : JSON.readTree(given().queryParam("release", version)
                        .queryParam("country", COUNTRY)
                        .queryParam("limit", 500)
                        .when()
                        .get("/v1/cases")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray())
                .path("items")) {
            if (record.path("id").asText().equals(id)) {
                return record;
            }
        }
        throw new AssertionError(id + " is not in release " + version);
    }

    private static byte[] live() {
        return given().queryParam("country", COUNTRY)
                .queryParam("limit", 500)
                .when()
                .get("/v1/cases")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    private static byte[] download(String version, String name) {
        return given().when()
                .get("/v1/releases/" + version + "/files/" + name)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    /** Cuts the next patch release and returns its version. */
    @Test
    void aNewReleaseChangesTheTagsOfLiveAnswersAboutReleases() {
        String editor = tokens.secret(Role.EDITOR);
        String listTag = given().when()
                .get("/v1/releases")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        String datasetTag = given().when()
                .get("/v1/dataset")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        given().header("If-None-Match", listTag)
                .when()
                .get("/v1/releases")
                .then()
                .statusCode(304);

        String version = cut(editor, "Only a release, no revision: the live answers about releases must change.");

        given().header("If-None-Match", listTag)
                .when()
                .get("/v1/releases")
                .then()
                .statusCode(200)
                .body("items[0].version", equalTo(version));
        given().header("If-None-Match", datasetTag)
                .when()
                .get("/v1/dataset")
                .then()
                .statusCode(200);
    }

    private static String cut(String editor, String notes) {
        String latest =
                given().when().get("/v1/releases/latest").then().extract().path("version");
        String[] parts = latest.split("\\.");
        String version = parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1);
        create(editor, "{\"version\": \"" + version + "\", \"notes\": \"" + notes + "\"}")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/releases/" + version))
                .header("Link", startsWith("</v1/releases/" + version + ">; rel=\"cite-as\""))
                .body("version", equalTo(version))
                .body("previous_version", equalTo(latest));
        return version;
    }

    private static io.restassured.response.Response create(String editor, String body) {
        return given().header("Authorization", "Bearer " + editor)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/v1/curation/releases");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        assertFalse(entries.isEmpty());
        return entries;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
