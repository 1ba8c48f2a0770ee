package org.armstrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.armstrace.testing.ExternalPostgres;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.Test;

/**
 * A primary and a streaming standby (pg_basebackup -R) started by the test, and an instance whose
 * public reads go to the standby: they do run there, a write on the primary is what the next list shows
 * even while the standby lags (paused replay), and a standby that stops makes lists fall back to the
 * primary at once, never hang.
 */
class ReadReplicaIT {

    private static final String ADMIN = "replica-test-admin-secret-0123456789abcdef";

    @Test
    void publicReadsUseTheReplicaWhileItKeepsUpAndThePrimaryOtherwise() throws Exception {
        Path dir = PackagedService.tempDir("armstrace-replica");
        try (ExternalPostgres primary = ExternalPostgres.primary(dir.resolve("primary"));
                ExternalPostgres standby = primary.standby(dir.resolve("standby"))) {
            int port = PackagedService.freePort();
            List<String> properties = new ArrayList<>(primary.serviceProperties());
            properties.addAll(List.of(
                    "-Darmstrace.bootstrap-admin-token=" + ADMIN,
                    "-Dquarkus.datasource.replica.jdbc.url=" + standby.jdbcUrl(),
                    "-Dquarkus.datasource.replica.username=postgres",
                    "-Dquarkus.datasource.replica.password=" + ExternalPostgres.PASSWORD));
            Process service =
                    PackagedService.start(port, dir.resolve("service.log"), properties.toArray(String[]::new));
            try {
                // the reads run on the standby (once it has replayed the start's writes, within milliseconds): one
                // of its sessions ran a list's statement
                String page = "/v1/cases?sort=id&limit=3";
                assertEquals(0, listsRunOn(standby));
                String id = PackagedService.getJson(port, page)
                        .path("items")
                        .path(0)
                        .path("id")
                        .asText();
                for (int i = 0; i < 50 && listsRunOn(standby) == 0; i++) {
                    Thread.sleep(100);
                    PackagedService.get(port, page);
                }
                assertTrue(listsRunOn(standby) > 0, "the lists did not read the standby");

                // a write on the primary is what the next list shows, through the standby once it has replayed it
                correct(port, id, "Corrected while the standby streams.");
                assertEquals("Corrected while the standby streams.", firstOutcome(port, page));

                // a standby that lags is not read: its replay paused, the list still shows the write at once
                sql(standby, "select pg_wal_replay_pause()");
                correct(port, id, "Corrected while the standby is paused.");
                assertEquals("Corrected while the standby is paused.", firstOutcome(port, page));
                sql(standby, "select pg_wal_replay_resume()");

                // a standby that stops: lists, search, facets and statistics answer from the primary, promptly
                standby.kill();
                for (String path : List.of(
                        page,
                        "/v1/cases?q=telegram&limit=2",
                        "/v1/cases?facet=country&limit=1",
                        "/v1/stats?group_by=year")) {
                    HttpResponse<String> answer = PackagedService.HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, answer.statusCode(), path + ": " + answer.body());
                }
                assertEquals("Corrected while the standby is paused.", firstOutcome(port, page));
            } finally {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The outcome of the first record of a page. */
    private static String firstOutcome(int port, String page) throws Exception {
        return PackagedService.getJson(port, page)
                .path("items")
                .path(0)
                .path("outcome")
                .asText();
    }

    private static void correct(int port, String id, String outcome) throws Exception {
        int version =
                PackagedService.getJson(port, "/v1/cases/" + id).path("version").asInt();
        HttpResponse<String> patched = PackagedService.correctOutcome(port, ADMIN, id, version, outcome, "replica");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonNode body = PackagedService.JSON.readTree(patched.body());
        assertEquals(outcome, body.path("outcome").asText());
    }

    /** How many sessions of the server (other than this one) last ran a page of a list. */
    private static long listsRunOn(ExternalPostgres server) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(server.jdbcUrl(), "postgres", ExternalPostgres.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from pg_stat_activity where pid <>"
                        + " pg_backend_pid() and query like '%sort_key%' and query like '%d.document%'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void sql(ExternalPostgres server, String statementText) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(server.jdbcUrl(), "postgres", ExternalPostgres.PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(statementText);
        }
    }
}
