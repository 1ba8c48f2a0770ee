package org.armstrace;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.armstrace.testing.PackagedService.JSON;
import static org.armstrace.testing.PackagedService.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged service on its embedded PostgreSQL, killed with SIGKILL in the middle of a burst of writes, of an
 * import and of a release cut, and stopped with SIGTERM in the middle of an import. After each kill the next start
 * succeeds by itself, every acknowledged write is there and nothing is half-written. The kill lands mid-way by
 * construction, not by timing: the test holds a table lock that the import (or the cut) reaches after writing part
 * of its rows, sees in pg_stat_activity that it waits there, and kills the service then. The tests share one data
 * folder and run in order (each restart is a few seconds of CI); each starts the service if it is not running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final String ADMIN = "faults-test-admin-secret-0123456789abcdef";
    private static final int IMPORT_ROWS = 3000;
    private static final Duration PATIENT = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path dir = PackagedService.tempDir("armstrace-faults");
    private final Path data = dir.resolve("data");
    private int port;
    private Process service;
    private int starts;

    @BeforeAll
    void pickPort() throws IOException {
        port = PackagedService.freePort();
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        } else if (Files.exists(data.resolve("postgres").resolve("postmaster.pid"))) {
            start(); // stops what a killed service left running on the folder, then stops cleanly
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void aBurstOfWritesKilledMidwayKeepsEveryAcknowledgedWriteAndEachAtMostOnce() throws Exception {
        ensureRunning();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            int writer = t;
            writers.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String key = "burst-" + writer + "-" + i;
                    sent.add(key);
                    try {
                        HttpResponse<String> answer = createDraft(key);
                        if (answer.statusCode() != 201) {
                            unexpected.add(key + ": " + answer.statusCode() + " " + answer.body());
                            return;
                        }
                        acknowledged.put(
                                key, JSON.readTree(answer.body()).path("id").asText());
                    } catch (IOException killed) {
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        waitUntil(() -> acknowledged.size() >= 40 || !unexpected.isEmpty(), "40 writes acknowledged");
        kill(); // writers are sending: some writes are under way, some committed but not yet answered
        stop.set(true);
        writers.shutdown();
        assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(List.of(), unexpected);

        ensureRunning();
        // every write sent is retried with its Idempotency-Key: an acknowledged one answers the record it made
        Set<String> records = new HashSet<>();
        for (String key : sent) {
            HttpResponse<String> retry = createDraft(key);
            assertEquals(201, retry.statusCode(), retry.body());
            String id = JSON.readTree(retry.body()).path("id").asText();
            if (acknowledged.containsKey(key)) {
                assertEquals(acknowledged.get(key), id, key);
                assertEquals(
                        "true",
                        retry.headers().firstValue("Idempotent-Replayed").orElse(""),
                        key);
            }
            assertTrue(records.add(id), "two writes made one record: " + id);
        }
        for (String id : acknowledged.values()) {
            assertEquals(200, send(request("/v1/curation/cases/" + id).build()).statusCode(), id);
        }
        assertEveryRecordHasItsRevision();
    }

    @Test
    @Order(2)
    void anImportKilledMidwayLeavesNoneOfItsRecordsAndRunsWholeWhenSentAgain() throws Exception {
        ensureRunning();
        long published = total(port);
        long records = count("select count(*) from case_record");
        String rows = importRows(IMPORT_ROWS);
        try (Connection lock = database();
                Connection probe = database()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                // the import writes all its records, then waits to log their revisions (one statement at the end)
                s.execute("lock table revision in exclusive mode");
            }
            CompletableFuture<HttpResponse<String>> answer =
                    http.sendAsync(importRequest(rows), HttpResponse.BodyHandlers.ofString());
            waitUntil(() -> waits(probe, "insert into revision"), "the import waits to log its revisions");
            kill();
            ExecutionException noAnswer =
                    assertThrows(ExecutionException.class, () -> answer.get(60, TimeUnit.SECONDS));
            assertTrue(noAnswer.getCause() instanceof IOException, noAnswer.toString());
            lock.rollback();
        }

        ensureRunning();
        assertEquals(published, total(port), "no record of the unanswered import is published");
        assertEquals(records, count("select count(*) from case_record"), "no record of it was kept at all");
        assertEveryRecordHasItsRevision();

        HttpResponse<String> again = send(importRequest(rows));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(IMPORT_ROWS, JSON.readTree(again.body()).path("written").asInt());
        assertEquals(published + IMPORT_ROWS, total(port));
        assertEveryRecordHasItsRevision();
    }

    @Test
    @Order(3)
    void aReleaseCutKilledMidwayLeavesNoHalfReleaseAndCanBeCutAgain() throws Exception {
        ensureRunning();
        List<String> releases = versions();
        String version = "7.0.0";
        try (Connection lock = database();
                Connection probe = database()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                // the cut freezes its records, writes its files and stores their rows, then waits to store the bytes
                s.execute("lock table release_file_chunk in exclusive mode");
            }
            CompletableFuture<HttpResponse<String>> answer =
                    http.sendAsync(cutRequest(version), HttpResponse.BodyHandlers.ofString());
            waitUntil(() -> waits(probe, "insert into release_file_chunk"), "the cut waits to store its files");
            assertFalse(releaseTempFolders().isEmpty(), "the cut's files are being written in data/tmp");
            kill();
            assertThrows(ExecutionException.class, () -> answer.get(60, TimeUnit.SECONDS));
            lock.rollback();
        }

        ensureRunning();
        assertEquals(releases, versions(), "the unanswered release is not listed");
        assertEquals(404, send(request("/v1/releases/" + version).build()).statusCode());
        assertEquals(
                0,
                count("select count(*) from release r where not exists"
                        + " (select 1 from release_file f where f.release_id = r.id)"),
                "no release row without its files");
        assertEquals(List.of(), releaseTempFolders(), "the killed cut's files were removed at start");
        assertEveryReleaseIsWhole();

        HttpResponse<String> again = send(cutRequest(version));
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(
                total(port), JSON.readTree(again.body()).path("record_count").asLong());
        assertEquals(version, versions().get(0));
        assertEveryReleaseIsWhole();
    }

    @Test
    @Order(4)
    void sigtermLetsTheImportUnderWayFinishRefusesNewRequestsAndExitsZero() throws Exception {
        ensureRunning();
        byte[] body = importRows(200).getBytes(UTF_8);
        String answer;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/curation/imports?publish=true HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + ADMIN + "\r\nContent-Type: application/x-ndjson\r\n"
                            + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            // let the service take the request in (line and headers read: from then on it is under way); a signal
            // that arrives before that rightly refuses it as a new request
            Thread.sleep(2_000);

            service.destroy(); // SIGTERM while the import is under way: half its body is still to come

            HttpClient fresh =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest newcomer = request("/v1/cases?limit=1").build();
            HttpResponse<String> refused = fresh.send(newcomer, HttpResponse.BodyHandlers.ofString());
            for (long deadline = System.nanoTime() + PATIENT.toNanos();
                    refused.statusCode() == 200 && System.nanoTime() < deadline; ) {
                Thread.sleep(50); // the signal is handled on its own thread
                refused = fresh.send(newcomer, HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("5", refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals(
                    "/problems/service-unavailable",
                    JSON.readTree(refused.body()).path("type").asText());

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            answer = new String(socket.getInputStream().readAllBytes(), UTF_8);
        }
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"written\":200"), answer);
        // quarkus.shutdown.timeout is 10 s; then the embedded database stops (fast shutdown)
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service did not stop");
        assertEquals(0, service.exitValue(), "a requested stop exits 0");
    }

    // ---- the service ----

    private void ensureRunning() throws Exception {
        if (service == null || !service.isAlive()) {
            start();
        }
    }

    private void start() throws Exception {
        service = PackagedService.start(
                port,
                dir.resolve("run-" + ++starts + ".log"),
                "-Darmstrace.data-dir=" + data,
                "-Darmstrace.bootstrap-admin-token=" + ADMIN);
    }

    private void kill() throws InterruptedException {
        service.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the service
        assertTrue(service.waitFor(30, TimeUnit.SECONDS));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .timeout(PATIENT);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> createDraft(String key) throws IOException, InterruptedException {
        String body = CaseInputs.valid("NL")
                .put("summary", "Police seized two hybrid pistols with printed frames (write " + key + ").")
                .toString();
        return send(request("/v1/curation/cases")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest importRequest(String rows) {
        return request("/v1/curation/imports?publish=true")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(rows))
                .build();
    }

    private HttpRequest cutRequest(String version) {
        return request("/v1/curation/releases")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"version\": \"" + version + "\", \"notes\": \"Faults test.\"}"))
                .build();
    }

    private static String importRows(int rows) {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            ndjson.append(CaseInputs.valid(i % 2 == 0 ? "FR" : "DE")
                            .put(
                                    "summary",
                                    "Customs seized printed pistol frames in a parcel (synthetic row " + i + ").")
                            .toString())
                    .append('\n');
        }
        return ndjson.toString();
    }

    private List<String> versions() throws Exception {
        List<String> versions = new ArrayList<>();
        for (JsonNode release : PackagedService.getJson(port, "/v1/releases").path("items")) {
            versions.add(release.path("version").asText());
        }
        return versions;
    }

    /** Every listed release: each listed file downloads with its listed SHA-256, and SHA256SUMS agrees. */
    private void assertEveryReleaseIsWhole() throws Exception {
        for (JsonNode release : PackagedService.getJson(port, "/v1/releases").path("items")) {
            Map<String, String> hashes = new HashMap<>();
            for (JsonNode file : release.path("files")) {
                HttpResponse<byte[]> download =
                        http.send(request(file.path("url").asText()).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, download.statusCode(), file.path("url").asText());
                String sha256 = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(download.body()));
                assertEquals(
                        file.path("sha256").asText(), sha256, file.path("url").asText());
                assertEquals(
                        file.path("bytes").asLong(),
                        download.body().length,
                        file.path("url").asText());
                hashes.put(file.path("name").asText(), sha256);
            }
            assertEquals(8, hashes.size(), release.toString());
            String version = release.path("version").asText();
            String sums = PackagedService.get(port, "/v1/releases/" + version + "/files/SHA256SUMS");
            for (String line : sums.strip().split("\n")) {
                String[] parts = line.split(" {2}");
                assertEquals(hashes.get(parts[1]), parts[0], version + ": " + line);
            }
        }
    }

    // ---- the database, read directly ----

    private Connection database() throws Exception {
        List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        String password = Files.readString(data.resolve("postgres-password")).strip();
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres", "postgres", password);
    }

    private long count(String sql) throws Exception {
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Whether a backend waits on a lock in a statement that contains this text. */
    private static boolean waits(Connection probe, String statement) {
        try (PreparedStatement s = probe.prepareStatement(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and strpos(query, ?) > 0")) {
            s.setString(1, statement);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** No record without its revision: each record's row is the version its latest revision logged. */
    private void assertEveryRecordHasItsRevision() throws Exception {
        assertEquals(
                0,
                count("select count(*) from case_record c where c.version is distinct from"
                        + " (select max(r.version) from revision r where r.case_id = c.id)"));
    }

    private List<Path> releaseTempFolders() throws IOException {
        Path work = data.resolve("tmp");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().startsWith("armstrace-release-"))
                    .toList();
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not reached: " + what);
            Thread.sleep(50);
        }
    }
}
