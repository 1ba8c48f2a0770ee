package org.armstrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.armstrace.testing.ExternalPostgres;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backups that restore (tools/backup/backup.sh and restore.sh, as docs/operations.md tells an
 * operator to run them): an install with a correction, a new token and a new release is backed up while
 * it runs, restored into an empty database, and the service started on the copy serves the same release
 * files (SHA-256 of the bytes), the same revision log and the same tokens, and takes writes again.
 */
class BackupRestoreIT {

    private static final HttpClient HTTP = PackagedService.HTTP;
    private static final ObjectMapper JSON = PackagedService.JSON;
    private static final String ADMIN = "backup-test-admin-secret-0123456789abcdef";

    private final List<Process> running = new ArrayList<>();
    private final List<ExternalPostgres> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process process : running) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        for (ExternalPostgres server : servers) {
            server.close();
        }
    }

    @Test
    void aBackupOfAnExternalDatabaseRestoresIntoAnEmptyOne() throws Exception {
        Path dir = PackagedService.tempDir("armstrace-backup");
        ExternalPostgres original = server(dir.resolve("original"));
        int port = PackagedService.freePort();
        Process service =
                start(port, dir.resolve("original.log"), original, "-Darmstrace.bootstrap-admin-token=" + ADMIN);

        // what an install gathers: a correction, a token of its own, a release of its own
        String id = PackagedService.getJson(port, "/v1/cases?sort=id&limit=1")
                .path("items")
                .path(0)
                .path("id")
                .asText();
        int version =
                PackagedService.getJson(port, "/v1/cases/" + id).path("version").asInt();
        HttpResponse<String> patched = send(
                port,
                "PATCH",
                "/v1/curation/cases/" + id + "?note=backup+test",
                "{\"outcome\": \"Corrected before the backup.\"}",
                ADMIN,
                Map.of("If-Match", "\"v" + version + "\"", "Content-Type", "application/merge-patch+json"));
        assertEquals(200, patched.statusCode(), patched.body());
        HttpResponse<String> token = send(
                port,
                "POST",
                "/v1/curation/tokens",
                "{\"name\": \"release desk\", \"role\": \"editor\"}",
                ADMIN,
                Map.of());
        assertEquals(201, token.statusCode(), token.body());
        String editor = JSON.readTree(token.body()).path("secret").asText();
        String latest = PackagedService.getJson(port, "/v1/releases")
                .path("items")
                .path(0)
                .path("version")
                .asText();
        String release = (Integer.parseInt(latest.split("\\.")[0]) + 1) + ".0.0";
        HttpResponse<String> cut = send(
                port,
                "POST",
                "/v1/curation/releases",
                "{\"version\": \"" + release + "\", \"notes\": \"Before the backup.\"}",
                editor,
                Map.of());
        assertEquals(201, cut.statusCode(), cut.body());

        Map<String, String> filesBefore = releaseFiles(port);
        List<JsonNode> logBefore = changes(port);
        JsonNode tokensBefore = tokens(port);

        // online: the service keeps running while pg_dump takes its snapshot
        Path backups = dir.resolve("backups");
        Files.createDirectories(backups);
        String backup = tool("backup.sh", original, backups.toString()).strip();
        assertTrue(Files.isRegularFile(Path.of(backup, "database.dump")), backup);
        service.destroy();
        assertTrue(service.waitFor(60, TimeUnit.SECONDS));

        ExternalPostgres copy = server(dir.resolve("copy"));
        tool("restore.sh", copy, backup);
        int restored = PackagedService.freePort();
        start(restored, dir.resolve("restored.log"), copy); // no bootstrap token: the restored ones are used

        assertEquals(filesBefore, releaseFiles(restored));
        assertEquals(logBefore, changes(restored));
        assertEquals(tokensBefore, tokens(restored));
        assertEquals(
                "Corrected before the backup.",
                PackagedService.getJson(restored, "/v1/cases/" + id)
                        .path("outcome")
                        .asText());
        // the restored editor token writes, and the release order goes on from the restored one
        HttpResponse<String> next = send(
                restored,
                "POST",
                "/v1/curation/releases",
                "{\"version\": \"" + release.replace(".0.0", ".1.0") + "\", \"notes\": \"After the restore.\"}",
                editor,
                Map.of());
        assertEquals(201, next.statusCode(), next.body());

        // a restore never lands on a database that holds data
        ProcessBuilder again = toolProcess("restore.sh", copy, backup);
        Process refused = again.start();
        String output = new String(refused.getInputStream().readAllBytes());
        assertEquals(1, refused.waitFor(), output);
        assertTrue(output.contains("is not empty"), output);
    }

    /** Every file of every release, by URL, with the SHA-256 of the bytes served (checked against the listing). */
    private static Map<String, String> releaseFiles(int port) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode release : PackagedService.getJson(port, "/v1/releases").path("items")) {
            for (JsonNode file : release.path("files")) {
                String url = file.path("url").asText();
                HttpResponse<byte[]> bytes = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + url))
                                .timeout(Duration.ofMinutes(1))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, bytes.statusCode(), url);
                String sha = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.body()));
                assertEquals(file.path("sha256").asText(), sha, url);
                files.put(url, sha);
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }

    private static List<JsonNode> changes(int port) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long since = 0;
        while (true) {
            JsonNode page = PackagedService.getJson(port, "/v1/changes?since=" + since + "&limit=1000");
            page.path("items").forEach(all::add);
            if (page.path("items").isEmpty()) {
                return all;
            }
            since = page.path("next_since").asLong();
        }
    }

    private static JsonNode tokens(int port) throws Exception {
        HttpResponse<String> answer = send(port, "GET", "/v1/curation/tokens", null, ADMIN, Map.of());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode list = JSON.readTree(answer.body());
        assertTrue(list.path("items").size() >= 2, answer.body());
        return list;
    }

    private static HttpResponse<String> send(
            int port, String method, String path, String body, String token, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(2));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tool(String script, ExternalPostgres database, String argument) throws Exception {
        Process process = toolProcess(script, database, argument).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), script + ": " + output);
        return output.lines().reduce((a, b) -> b).orElse("");
    }

    private static ProcessBuilder toolProcess(String script, ExternalPostgres database, String argument) {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", Path.of("tools", "backup", script).toString(), argument)
                .redirectErrorStream(true);
        builder.environment()
                .putAll(Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        database.jdbcUrl(),
                        "QUARKUS_DATASOURCE_USERNAME",
                        "postgres",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        ExternalPostgres.PASSWORD,
                        "PG_BIN",
                        ExternalPostgres.binaries().toString()));
        return builder;
    }

    private ExternalPostgres server(Path folder) throws Exception {
        ExternalPostgres server = ExternalPostgres.primary(folder);
        servers.add(server);
        return server;
    }

    private Process start(int port, Path log, ExternalPostgres database, String... more) throws Exception {
        List<String> properties = new ArrayList<>(database.serviceProperties());
        properties.addAll(List.of(more));
        Process process = PackagedService.start(port, log, properties.toArray(String[]::new));
        running.add(process);
        return process;
    }
}
