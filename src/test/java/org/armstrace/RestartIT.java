package org.armstrace;

import static org.armstrace.testing.PackagedService.freePort;
import static org.armstrace.testing.PackagedService.getJson;
import static org.armstrace.testing.PackagedService.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged service as a user does ({@code java -jar}) on its embedded PostgreSQL: data
 * survives a restart, the shipped dataset is loaded once, and a second instance on the same data
 * folder fails at once, saying why.
 */
class RestartIT {

    private final Path dataDir = PackagedService.tempDir("armstrace-restart");
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
        assertEquals(PackagedService.SHIPPED_RECORDS, total(port));
        // a change made straight in the database; unlinking its rendition has the next start render it anew
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            sql.executeUpdate(
                    "update case_record set summary = 'Changed by a curator before a restart.', rendition_id = null"
                            + " where public_id = 'AT-000001'");
        }
        stopGracefully();

        running = start(port, dataDir.resolve("second.log"));
        assertEquals(PackagedService.SHIPPED_RECORDS, total(port));
        JsonNode record = getJson(port, "/v1/cases/AT-000001");
        assertEquals(
                "Changed by a curator before a restart.", record.path("summary").asText());
        try (Connection db = connect();
                Statement sql = db.createStatement();
                ResultSet loads = sql.executeQuery("select count(*) from dataset_load")) {
            loads.next();
            assertEquals(PackagedService.shipped().all().size(), loads.getInt(1), "each shipped release once");
        }
    }

    @Test
    void anInstallHoldingOnly100ReceivesTheNextShippedReleaseAtItsNextStart() throws Exception {
        int port = freePort();
        running = PackagedService.start(
                port,
                dataDir.resolve("first.log"),
                "-Darmstrace.data-dir=" + dataDir.resolve("data"),
                "-Darmstrace.dataset.up-to=1.0.0");
        assertEquals(46, total(port));
        assertEquals(
                "1.0.0", getJson(port, "/v1/releases/latest").path("version").asText());
        stopGracefully();

        running = start(port, dataDir.resolve("second.log"));
        assertEquals(PackagedService.SHIPPED_RECORDS, total(port));
        JsonNode latest = getJson(port, "/v1/releases/latest");
        assertEquals(
                PackagedService.shipped().latest().version(),
                latest.path("version").asText());
        assertEquals(
                PackagedService.SHIPPED_RECORDS, latest.path("record_count").asInt());
        JsonNode history = getJson(port, "/v1/cases/AT-000035/history").path("items");
        assertEquals("shipped dataset 1.0.0", history.get(0).path("note").asText());
        assertTrue(history.get(1).path("note").asText().startsWith("shipped dataset 1.1.0: "), history.toString());
        assertEquals(
                "Marseille", getJson(port, "/v1/cases/AT-000035").path("place").asText());
        assertEquals(
                "Roquebrune-sur-Argens",
                getJson(port, "/v1/releases/1.0.0/cases/AT-000035")
                        .path("place")
                        .asText(),
                "1.0.0 answers as it did");
        assertTrue(Files.readString(dataDir.resolve("second.log")).contains("Applied the shipped release 1.1.0"));
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
        assertEquals(PackagedService.SHIPPED_RECORDS, total(port), "the first instance goes on serving");
    }

    private void stopGracefully() throws InterruptedException {
        running.destroy(); // SIGTERM, as a service manager does
        assertTrue(running.waitFor(30, TimeUnit.SECONDS), "the service should stop within 30 s");
    }

    private Process start(int port, Path log) throws Exception {
        return PackagedService.start(port, log, "-Darmstrace.data-dir=" + dataDir.resolve("data"));
    }

    private Process launch(int port, Path log) throws IOException {
        return PackagedService.launch(port, log, "-Darmstrace.data-dir=" + dataDir.resolve("data"));
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
}
