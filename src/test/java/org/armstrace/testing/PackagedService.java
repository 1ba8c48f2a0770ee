package org.armstrace.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * The packaged service as a user runs it ({@code java -jar target/quarkus-app/quarkus-run.jar}), for the
 * integration tests: start it with system properties, wait until it is ready, and read its answers.
 */
public final class PackagedService {

    public static final HttpClient HTTP = HttpClient.newHttpClient();
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /** The shipped dataset's records, its releases applied in order: what a fresh install serves. */
    public static final int SHIPPED_RECORDS =
            shipped().recordsAt(shipped().latest().version()).size();

    private PackagedService() {}

    /** The releases that ship in the jar. */
    public static org.armstrace.dataset.ShippedReleases shipped() {
        return Shipped.RELEASES;
    }

    /** Starts the service on a port, its output in {@code log}, with {@code -D} properties; does not wait. */
    public static Process launch(int port, Path log, String... properties) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Dquarkus.http.port=" + port));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Starts the service and waits (at most 180 s: a fresh install applies and cuts every shipped release first) until its readiness check answers 200. */
    public static Process start(int port, Path log, String... properties) throws Exception {
        return awaitReady(port, launch(port, log, properties), log);
    }

    /** Waits (at most 180 s: a fresh install applies and cuts every shipped release first) until a launched service's readiness check answers 200. */
    public static Process awaitReady(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
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
        process.destroyForcibly();
        throw new AssertionError("the service did not become ready: " + Files.readString(log));
    }

    /** The body of a GET that must answer 200. */
    public static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The JSON of a GET that must answer 200. */
    public static JsonNode getJson(int port, String path) throws Exception {
        return JSON.readTree(get(port, path));
    }

    /**
     * Corrects a record's outcome through the curation API, as {@code token}: a JSON Merge Patch at {@code version}
     * (its If-Match), with the revision note {@code note}.
     */
    public static HttpResponse<String> correctOutcome(
            int port, String token, String id, int version, String outcome, String note) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/curation/cases/" + id + "?note="
                                + java.net.URLEncoder.encode(note, java.nio.charset.StandardCharsets.UTF_8)))
                        .method(
                                "PATCH",
                                HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                                        .put("outcome", outcome)
                                        .toString()))
                        .header("Authorization", "Bearer " + token)
                        .header("If-Match", "\"v" + version + "\"")
                        .header("Content-Type", "application/merge-patch+json")
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many published records the service counts. */
    public static long total(int port) throws Exception {
        return getJson(port, "/v1/cases?count=true&limit=1").path("total_count").asLong();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A temporary data folder, removed when the tests end ({@link TempFolders}). */
    public static Path tempDir(String prefix) {
        return TempFolders.create(prefix);
    }
}
