package org.armstrace;

import static org.armstrace.testing.PackagedService.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.Test;

/**
 * The service on an external PostgreSQL that stops under it and comes back on the same address: while the
 * database is down, reads and writes answer 503 problems with Retry-After at once (about a second; the client gives
 * up after two: a hang fails the test), readiness is DOWN; once it is back, the same process is ready again and
 * reads and writes work, without a restart.
 */
class DatabaseOutageIT {

    private static final String ADMIN = "outage-test-admin-secret-0123456789abcdef";
    /**
     * What the service promises when the database is stopped: an answer at once. The pool tries a refused
     * connection a second time after up to a second (Agroal), so "at once" is about a second; the client gives up
     * after two, so a hang (or a wait for the pool's 5-s acquisition timeout) fails the test.
     */
    private static final Duration WITHIN = Duration.ofSeconds(2);
    /** For answers outside the promise (before the outage and after it: the first answers of a cold JVM). */
    private static final Duration PATIENT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PATIENT)
            .build();
    private int port;

    @Test
    void whileTheDatabaseIsStoppedRequestsAnswer503AtOnceAndTheServiceRecoversWithoutARestart() throws Exception {
        Path dir = PackagedService.tempDir("armstrace-outage");
        EmbeddedPostgres.Builder database = EmbeddedPostgres.builder()
                .setPort(freePort())
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false);
        EmbeddedPostgres postgres = database.start();
        Process service = null;
        try {
            port = freePort();
            service = PackagedService.start(
                    port,
                    dir.resolve("service.log"),
                    "-Dquarkus.datasource.jdbc.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "-Dquarkus.datasource.username=postgres",
                    "-Dquarkus.datasource.password=unused",
                    "-Darmstrace.bootstrap-admin-token=" + ADMIN);
            assertEquals(200, send(get("/v1/cases/AT-000002", PATIENT)).statusCode());
            assertEquals(201, send(createDraft("before the outage", PATIENT)).statusCode());
            assertEquals(404, send(get("/v1/cases/AT-999999", PATIENT)).statusCode()); // a problem is rendered once

            postgres.close(); // pg_ctl stop: the server goes away, and every connection the service had with it

            // the first answer after the stop pays for the fault path's first use in this JVM (classes, pool state)
            assertEquals(503, send(get("/q/health/ready", PATIENT)).statusCode(), "readiness is DOWN");
            for (HttpRequest request : List.of(
                    get("/v1/cases/AT-000003", PATIENT),
                    get("/q/health/ready", WITHIN),
                    get("/v1/cases/AT-000002", WITHIN),
                    get("/v1/cases?country=DE&limit=3", WITHIN),
                    get("/v1/stats?group_by=year", WITHIN),
                    get("/v1/curation/cases/AT-000001", WITHIN),
                    createDraft("during the outage", WITHIN))) {
                HttpResponse<String> answer = send(request);
                if (request.uri().getPath().startsWith("/q/")) {
                    assertEquals(503, answer.statusCode(), "readiness is DOWN");
                    continue;
                }
                String what = request.method() + " " + request.uri().getRawPath() + ": " + answer.body();
                assertEquals(503, answer.statusCode(), what);
                assertTrue(
                        answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                        what);
                assertEquals("2", answer.headers().firstValue("Retry-After").orElse(""), what);
                assertEquals(
                        "/problems/service-unavailable",
                        PackagedService.JSON
                                .readTree(answer.body())
                                .path("type")
                                .asText(),
                        what);
            }

            postgres = database.start(); // the same address and data, as after a database restart

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (send(get("/q/health/ready", PATIENT)).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "the service did not become ready again");
                Thread.sleep(200);
            }
            assertTrue(service.isAlive());
            HttpResponse<String> read = send(get("/v1/cases/AT-000002", PATIENT));
            assertEquals(200, read.statusCode(), read.body());
            assertTrue(read.body().contains("\"AT-000002\""), read.body());
            HttpResponse<String> written = send(createDraft("after the outage", PATIENT));
            assertEquals(201, written.statusCode(), written.body());
            String id = PackagedService.JSON.readTree(written.body()).path("id").asText();
            HttpResponse<String> readBack = send(get("/v1/curation/cases/" + id, PATIENT));
            assertEquals(200, readBack.statusCode(), readBack.body());
            assertTrue(readBack.body().contains("after the outage"), readBack.body());
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            postgres.close();
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest get(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .timeout(timeout)
                .build();
    }

    private HttpRequest createDraft(String when, Duration timeout) {
        String body = CaseInputs.valid("NL")
                .put("summary", "Police seized two hybrid pistols with printed frames, recorded " + when + ".")
                .toString();
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/curation/cases"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(timeout)
                .build();
    }
}
