package org.armstrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL leaves its embedded PostgreSQL running; the next start on the same
 * data folder stops that orphan, removes the temporary files the killed process left, and serves the data.
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir = createTempDir();
    private final Path data = dir.resolve("data");
    private Process running;
    private long orphan = -1;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroy();
            running.waitFor(30, TimeUnit.SECONDS);
        }
        // never leave a server of this test behind, whatever happened
        if (orphan > 0 && isPostgresOfThisFolder(orphan)) {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aStartAfterKillMinusNineStopsTheOrphanDatabaseAndServesTheData() throws Exception {
        int port = freePort();
        running = start(port, dir.resolve("first.log"));
        assertEquals(46, total(port));
        orphan = postmasterPid();
        assertTrue(isPostgresOfThisFolder(orphan), "the embedded PostgreSQL runs");

        running.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(running.waitFor(30, TimeUnit.SECONDS));
        assertTrue(isPostgresOfThisFolder(orphan), "the killed service's PostgreSQL is left running as an orphan");
        // what a crash in the middle of a release cut or an import leaves behind, and a file that is not ours
        Path work = data.resolve("tmp");
        Path release = Files.createDirectories(work.resolve("armstrace-release-4242"));
        Files.writeString(release.resolve("cases.csv"), "id\n");
        Path upload = Files.createDirectories(work.resolve("uploads")).resolve("pfx123456789sfx");
        Files.writeString(upload, "{}\n");
        Path notOurs = Files.writeString(work.resolve("notes.txt"), "kept\n");

        Path secondLog = dir.resolve("second.log");
        running = start(port, secondLog); // ready within 90 s, not stuck on the old server
        assertEquals(46, total(port), "the data is served again");
        assertTrue(get(port, "/v1/cases/AT-000035").contains("\"AT-000035\""));
        assertFalse(isPostgresOfThisFolder(orphan), "the orphan was stopped");
        String log = Files.readString(secondLog, StandardCharsets.UTF_8);
        assertTrue(log.contains("still running on") && log.contains("stopping it"), log);
        assertFalse(Files.exists(release), "the leftover release folder was removed");
        assertFalse(Files.exists(upload), "the leftover upload was removed");
        assertTrue(Files.exists(notOurs), "a file of another naming is left alone");

        long second = postmasterPid();
        running.destroy(); // SIGTERM: a clean stop
        assertTrue(running.waitFor(30, TimeUnit.SECONDS), "the service should stop within 30 s");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (isPostgresOfThisFolder(second) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(isPostgresOfThisFolder(second), "no PostgreSQL is left running after a clean stop");
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"))
                .get(0)
                .strip());
    }

    /** Whether the process is alive (not a zombie) and is a postgres of this test's data folder. */
    private boolean isPostgresOfThisFolder(long pid) {
        try {
            String cmdline = new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return cmdline.contains("postgres")
                    && cmdline.contains(data.resolve("postgres").toString());
        } catch (IOException gone) {
            return false;
        }
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
                        "-Darmstrace.data-dir=" + data,
                        "-Dquarkus.http.port=" + port,
                        "-jar",
                        JAR.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static long total(int port) throws Exception {
        return JSON.readTree(get(port, "/v1/cases?count=true&limit=1"))
                .path("total_count")
                .asLong();
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("armstrace-crash");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
