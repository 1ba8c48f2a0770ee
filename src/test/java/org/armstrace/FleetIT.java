package org.armstrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances on one database, as behind a load balancer: the first runs the embedded
 * PostgreSQL, the second is pointed at it. Each remembers answers until the revision log moves; a
 * correction written through one must be what the other serves next, although the other had
 * remembered the record, its page and its facets before (it learns of the commit through NOTIFY).
 */
class FleetIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "fleet-test-admin-secret-0123456789abcdef";

    private final List<Process> running = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : running.reversed()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCorrectionThroughOneInstanceIsServedByTheOther() throws Exception {
        Path dir = Files.createTempDirectory("armstrace-fleet");
        int first = freePort();
        start(
                first,
                dir.resolve("first.log"),
                "-Darmstrace.data-dir=" + dir.resolve("data"),
                "-Darmstrace.bootstrap-admin-token=" + ADMIN);
        String dbPort = Files.readAllLines(
                        dir.resolve("data").resolve("postgres").resolve("postmaster.pid"))
                .get(3)
                .trim();
        String password = Files.readString(dir.resolve("data").resolve("postgres-password"))
                .strip();
        int second = freePort();
        start(
                second,
                dir.resolve("second.log"),
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=" + password);

        String page = "/v1/cases?sort=id&facet=country&count=true&limit=5";
        String before = get(second, "/v1/cases/AT-000001").path("outcome").asText();
        JsonNode pageBefore = get(second, page);
        assertEquals("AT-000001", pageBefore.path("items").path(0).path("id").asText());
        int version = get(first, "/v1/cases/AT-000001").path("version").asInt();

        String outcome = "Corrected through the first instance at " + System.nanoTime() + ".";
        HttpResponse<String> patched = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + first + "/v1/curation/cases/AT-000001?note=fleet+test"))
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"outcome\": \"" + outcome + "\"}"))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("If-Match", "\"v" + version + "\"")
                        .header("Content-Type", "application/merge-patch+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, patched.statusCode(), patched.body());
        assertTrue(!outcome.equals(before));

        // the second instance hears of the commit within milliseconds; allow a bounded wait, never a stale answer after
        // it
        String seen = before;
        for (int i = 0; i < 100 && !outcome.equals(seen); i++) {
            Thread.sleep(100);
            seen = get(second, "/v1/cases/AT-000001").path("outcome").asText();
        }
        assertEquals(outcome, seen, "the second instance still serves the record as it was");
        assertEquals(
                version + 1, get(second, "/v1/cases/AT-000001").path("version").asInt());
        JsonNode pageAfter = get(second, page);
        assertEquals(pageBefore.path("total_count"), pageAfter.path("total_count"));
        assertEquals(
                outcome,
                pageAfter.path("items").path(0).path("outcome").asText(),
                "a page the second instance remembered is not served after the commit");
    }

    @Test
    void whenTheDatabaseStopsAnInstanceAnswers503WithRetryAfter() throws Exception {
        Path dir = Files.createTempDirectory("armstrace-outage");
        int first = freePort();
        Process owner = start(first, dir.resolve("first.log"), "-Darmstrace.data-dir=" + dir.resolve("data"));
        String dbPort = Files.readAllLines(
                        dir.resolve("data").resolve("postgres").resolve("postmaster.pid"))
                .get(3)
                .trim();
        String password = Files.readString(dir.resolve("data").resolve("postgres-password"))
                .strip();
        int second = freePort();
        start(
                second,
                dir.resolve("second.log"),
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=" + password);
        assertEquals("AT-000001", get(second, "/v1/cases/AT-000001").path("id").asText());

        owner.destroy(); // SIGTERM: the first instance stops, and its embedded PostgreSQL with it
        assertTrue(owner.waitFor(60, TimeUnit.SECONDS));

        // an answer that needs the database is a 503 problem with Retry-After, never a hang nor a 500
        for (String path : List.of("/v1/cases/AT-000002", "/v1/cases?country=DE&limit=3", "/v1/stats?group_by=year")) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + second + path))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode(), path + ": " + response.body());
            assertTrue(
                    response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    path);
            assertTrue(response.headers().firstValue("Retry-After").isPresent(), path);
            assertEquals(
                    "/problems/service-unavailable",
                    JSON.readTree(response.body()).path("type").asText());
        }
    }

    private Process start(int port, Path log, String... properties) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Dquarkus.http.port=" + port));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        running.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service stopped: " + Files.readString(log));
            }
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://localhost:" + port + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready: " + Files.readString(log));
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
