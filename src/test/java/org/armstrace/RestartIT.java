package org.armstrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged service as a user does ({@code java -jar}) on its embedded PostgreSQL: data
 * survives a restart, the shipped dataset is loaded once, and a second instance on the same data
 * folder fails at once, saying why.
 */
class RestartIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir = createTempDir();
    private Process running;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroy();
            running.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void dataSurvivesARestartAndTheShippedDatasetLoadsOnce() throws Exception {
        int port = freePort();
        running = start(port, dataDir.resolve("first.log"));
        assertEquals(46, total(port));
        // a change made straight in the database; clearing the rendered document has the next start render it anew
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            sql.executeUpdate(
                    "update case_record set summary = 'Changed by a curator before a restart.', document = null,"
                            + " csv_row = null, geometry = null where public_id = 'AT-000001'");
        }
        stopGracefully();

        running = start(port, dataDir.resolve("second.log"));
        assertEquals(46, total(port));
        JsonNode record = get(port, "/v1/cases/AT-000001");
        assertEquals(
                "Changed by a curator before a restart.", record.path("summary").asText());
        try (Connection db = connect();
                Statement sql = db.createStatement();
                ResultSet loads = sql.executeQuery("select count(*) from dataset_load")) {
            loads.next();
            assertEquals(1, loads.getInt(1));
        }
    }

    @Test
    void aSecondInstanceOnTheSameFolderFailsAtOnceSayingWhy() throws Exception {
        int port = freePort();
        running = start(port, dataDir.resolve("first.log"));
        Path secondLog = dataDir.resolve("second.log");
        Process second = launch(freePort(), secondLog);
        assertTrue(second.waitFor(20, TimeUnit.SECONDS), "the second instance should stop by itself");
        assertNotEquals(0, second.exitValue());
        String log = Files.readString(secondLog);
        assertTrue(log.contains("already in use by another ArmsTrace instance"), log);
        assertEquals(46, total(port), "the first instance goes on serving");
    }

    private void stopGracefully() throws InterruptedException {
        running.destroy(); // SIGTERM, as a service manager does
        assertTrue(running.waitFor(30, TimeUnit.SECONDS), "the service should stop within 30 s");
    }

    private Process start(int port, Path log) throws Exception {
        Process process = launch(port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service stopped: " + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
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

    private Process launch(int port, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(
                        java,
                        "-Darmstrace.data-dir=" + dataDir.resolve("data"),
                        "-Dquarkus.http.port=" + port,
                        "-jar",
                        JAR.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private Connection connect() throws Exception {
        // the embedded server writes its port on the fourth line of postmaster.pid
        List<String> pid =
                Files.readAllLines(dataDir.resolve("data").resolve("postgres").resolve("postmaster.pid"));
        String password = Files.readString(dataDir.resolve("data").resolve("postgres-password"))
                .strip();
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pid.get(3).trim() + "/postgres", "postgres", password);
    }

    private static long total(int port) throws Exception {
        return get(port, "/v1/cases?count=true&limit=1").path("total_count").asLong();
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

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("armstrace-restart");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
