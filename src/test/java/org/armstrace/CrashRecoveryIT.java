package org.armstrace;

import static org.armstrace.testing.PackagedService.freePort;
import static org.armstrace.testing.PackagedService.get;
import static org.armstrace.testing.PackagedService.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL leaves its embedded PostgreSQL running; the next start on the same
 * data folder stops that orphan, removes the temporary files the killed process left, and serves the data.
 */
class CrashRecoveryIT {

    private final Path dir = PackagedService.tempDir("armstrace-crash");
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
        assertEquals(PackagedService.SHIPPED_RECORDS, total(port));
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
        running = start(port, secondLog); // ready within the bound, not stuck on the old server
        assertEquals(PackagedService.SHIPPED_RECORDS, total(port), "the data is served again");
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
        return PackagedService.start(port, log, "-Darmstrace.data-dir=" + data);
    }
}
