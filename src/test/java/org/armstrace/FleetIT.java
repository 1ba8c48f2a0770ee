package org.armstrace;

import static org.armstrace.testing.PackagedService.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances on one database, as behind a load balancer: the first runs the embedded
 * PostgreSQL, the second is pointed at it. Each remembers answers until the revision log moves; a
 * correction written through one must be what the other serves next, although the other had
 * remembered the record, its page and its facets before (it learns of the commit through NOTIFY).
 */
class FleetIT {

    private static final HttpClient HTTP = PackagedService.HTTP;
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
        Fleet fleet = startFleet("armstrace-fleet", "-Darmstrace.bootstrap-admin-token=" + ADMIN);
        int first = fleet.first();
        int second = fleet.second();

        String page = "/v1/cases?sort=id&facet=country&count=true&limit=5";
        String before = get(second, "/v1/cases/AT-000001").path("outcome").asText();
        JsonNode pageBefore = get(second, page);
        assertEquals("AT-000001", pageBefore.path("items").path(0).path("id").asText());
        int version = get(first, "/v1/cases/AT-000001").path("version").asInt();

        String outcome = "Corrected through the first instance at " + System.nanoTime() + ".";
        HttpResponse<String> patched =
                PackagedService.correctOutcome(first, ADMIN, "AT-000001", version, outcome, "fleet test");
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
    void instancesStartingTogetherApplyAWaitingShippedReleaseOnce() throws Exception {
        Path dir = PackagedService.tempDir("armstrace-fleet-upgrade");
        int owner = freePort();
        start(
                owner,
                dir.resolve("owner.log"),
                "-Darmstrace.data-dir=" + dir.resolve("data"),
                "-Darmstrace.dataset.up-to=1.0.0");
        assertEquals(46, PackagedService.total(owner));
        String[] database = database(dir);
        int a = freePort();
        int b = freePort();
        Process first = PackagedService.launch(a, dir.resolve("a.log"), database);
        running.add(first);
        Process second = PackagedService.launch(b, dir.resolve("b.log"), database);
        running.add(second);
        PackagedService.awaitReady(a, first, dir.resolve("a.log"));
        PackagedService.awaitReady(b, second, dir.resolve("b.log"));
        assertEquals(PackagedService.SHIPPED_RECORDS, PackagedService.total(a));
        assertEquals(PackagedService.SHIPPED_RECORDS, PackagedService.total(b));
        String logs = Files.readString(dir.resolve("a.log")) + Files.readString(dir.resolve("b.log"));
        assertEquals(1, logs.split("Applied the shipped release 1.1.0", -1).length - 1, "applied by one instance");
        int revisions = 0;
        for (var release : PackagedService.shipped().all()) {
            revisions += release.added().size() + release.corrected().size();
        }
        try (var db = java.sql.DriverManager.getConnection(
                        database[0].substring(database[0].indexOf('=') + 1),
                        "postgres",
                        database[2].substring(database[2].indexOf('=') + 1));
                var sql = db.createStatement();
                var count = sql.executeQuery("select count(*) from revision")) {
            count.next();
            assertEquals(revisions, count.getInt(1), "every shipped record and correction logged once");
        }
    }

    /** The properties that point an instance at the embedded PostgreSQL of the data folder in {@code dir}. */
    private static String[] database(Path dir) throws Exception {
        String dbPort = Files.readAllLines(
                        dir.resolve("data").resolve("postgres").resolve("postmaster.pid"))
                .get(3)
                .trim();
        String password = Files.readString(dir.resolve("data").resolve("postgres-password"))
                .strip();
        return new String[] {
            "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
            "-Dquarkus.datasource.username=postgres",
            "-Dquarkus.datasource.password=" + password
        };
    }

    /** Two instances on one database: the first runs the embedded PostgreSQL, the second is pointed at it. */
    private record Fleet(int first, int second) {}

    private Fleet startFleet(String prefix, String... ownerProperties) throws Exception {
        Path dir = PackagedService.tempDir(prefix);
        int first = freePort();
        List<String> properties = new ArrayList<>(List.of("-Darmstrace.data-dir=" + dir.resolve("data")));
        properties.addAll(List.of(ownerProperties));
        start(first, dir.resolve("first.log"), properties.toArray(String[]::new));
        int second = freePort();
        start(second, dir.resolve("second.log"), database(dir));
        return new Fleet(first, second);
    }

    private Process start(int port, Path log, String... properties) throws Exception {
        Process process = PackagedService.start(port, log, properties);
        running.add(process);
        return process;
    }

    private static JsonNode get(int port, String path) throws Exception {
        return PackagedService.getJson(port, path);
    }
}
