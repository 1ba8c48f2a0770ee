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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.armstrace.testing.ExternalPostgres;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fleet as it is deployed: a PostgreSQL server of its own (Debian's), empty, and two packaged
 * instances started on it at the same moment, behind a proxy (client addresses from X-Forwarded-For),
 * with rate limits shared through the database. What one instance writes, the other serves; their
 * conditional writes, release cuts and change feed hold as if they were one service.
 */
class SharedDatabaseIT {

    private static final HttpClient HTTP = PackagedService.HTTP;
    private static final ObjectMapper JSON = PackagedService.JSON;
    private static final String ADMIN = "shared-db-test-admin-secret-0123456789abcdef";
    private static final int ANONYMOUS_PER_MINUTE = 30;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private static ExternalPostgres database;
    private static final List<Process> INSTANCES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static int first;
    private static int second;

    @BeforeAll
    static void startFleet() throws Exception {
        Path dir = PackagedService.tempDir("armstrace-shared-db");
        database = ExternalPostgres.primary(dir.resolve("pg"));
        first = PackagedService.freePort();
        second = PackagedService.freePort();
        List<String> properties = new ArrayList<>(database.serviceProperties());
        properties.addAll(List.of(
                "-Darmstrace.bootstrap-admin-token=" + ADMIN,
                "-Darmstrace.rate-limit.store=postgresql",
                "-Darmstrace.rate-limit.anonymous-per-minute=" + ANONYMOUS_PER_MINUTE,
                "-Dquarkus.http.proxy.proxy-address-forwarding=true",
                "-Dquarkus.http.proxy.allow-x-forwarded=true",
                "-Dquarkus.http.proxy.trusted-proxies=127.0.0.1,::1"));
        String[] both = properties.toArray(String[]::new);
        // both at once on the empty database: they race for the migrations, the shipped dataset and the first token
        CompletableFuture<Process> one =
                CompletableFuture.supplyAsync(() -> start(first, dir.resolve("first.log"), both));
        CompletableFuture<Process> two =
                CompletableFuture.supplyAsync(() -> start(second, dir.resolve("second.log"), both));
        for (CompletableFuture<Process> instance : List.of(one, two)) {
            instance.thenAccept(INSTANCES::add);
        }
        CompletableFuture.allOf(one, two).get(4, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stopFleet() throws Exception {
        for (Process instance : INSTANCES) {
            instance.destroy();
            instance.waitFor(30, TimeUnit.SECONDS);
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void twoInstancesStartingOnAnEmptyDatabaseLoadTheShippedDatasetOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        String next = "/v1/cases?sort=id&limit=500&count=true";
        long total = -1;
        while (next != null) {
            JsonNode page = get(first, next);
            if (total < 0) {
                total = page.path("total_count").asLong();
            }
            page.path("items").forEach(item -> ids.add(item.path("id").asText()));
            next = page.path("next").isTextual() ? page.path("next").asText() : null;
        }
        assertTrue(total > 0, "the shipped dataset was not loaded");
        assertEquals(total, ids.size());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a record was loaded twice: " + ids);
        assertEquals(total, PackagedService.total(second));

        List<String> versions = new ArrayList<>();
        get(second, "/v1/releases")
                .path("items")
                .forEach(r -> versions.add(r.path("version").asText()));
        assertFalse(versions.isEmpty(), "no shipped release");
        assertEquals(versions.size(), new HashSet<>(versions).size(), "a release was cut twice: " + versions);

        // every revision of every record is in the change feed once
        List<JsonNode> changes = walkFeed(first, 0);
        Set<String> revisions = new HashSet<>();
        for (JsonNode change : changes) {
            assertTrue(
                    revisions.add(change.path("id").asText() + "@"
                            + change.path("version").asInt()),
                    "a revision was written twice: " + change);
        }
        assertTrue(revisions.size() >= total);
    }

    @Test
    void aWriteThroughOneIsReadThroughTheOtherAndIfMatchHoldsAcrossThem() throws Exception {
        String id = get(first, "/v1/cases?sort=id&limit=3")
                .path("items")
                .path(2)
                .path("id")
                .asText();
        int version = get(second, "/v1/cases/" + id).path("version").asInt(); // the second remembers it now

        String outcome = "Corrected through the first instance " + System.nanoTime() + ".";
        HttpResponse<String> patched = patch(first, id, version, outcome);
        assertEquals(200, patched.statusCode(), patched.body());

        JsonNode seen = get(second, "/v1/cases/" + id);
        for (int i = 0; i < 100 && seen.path("version").asInt() == version; i++) {
            Thread.sleep(100); // NOTIFY reaches the second instance within milliseconds; bounded, never by time
            seen = get(second, "/v1/cases/" + id);
        }
        assertEquals(version + 1, seen.path("version").asInt());
        assertEquals(outcome, seen.path("outcome").asText());

        // the second instance checks If-Match against the database, not against what it remembered
        HttpResponse<String> stale = patch(second, id, version, "A stale correction.");
        assertEquals(412, stale.statusCode(), stale.body());
        assertEquals(outcome, get(first, "/v1/cases/" + id).path("outcome").asText());

        // two corrections of the same version at once, one through each instance: exactly one wins
        List<Integer> statuses = race(
                () -> patch(first, id, version + 1, "Race through the first.").statusCode(),
                () -> patch(second, id, version + 1, "Race through the second.").statusCode());
        assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
        assertEquals(version + 2, get(first, "/v1/cases/" + id).path("version").asInt());
    }

    @Test
    void twoReleasesCutAtOnceOnTwoInstancesGiveOne201AndOne409() throws Exception {
        String latest =
                get(first, "/v1/releases").path("items").path(0).path("version").asText();
        int major = Integer.parseInt(latest.split("\\.")[0]) + 10;
        String version = major + ".0.0";
        List<HttpResponse<String>> answers = race(() -> cut(first, version), () -> cut(second, version));
        List<Integer> statuses =
                answers.stream().map(HttpResponse::statusCode).sorted().toList();
        assertEquals(List.of(201, 409), statuses, answers.toString());
        HttpResponse<String> conflict =
                answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertTrue(conflict.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        long count = 0;
        for (JsonNode release : get(second, "/v1/releases").path("items")) {
            count += release.path("version").asText().equals(version) ? 1 : 0;
        }
        assertEquals(1, count);
    }

    @Test
    void theChangeFeedHasNoGapWhileBothInstancesWrite() throws Exception {
        List<JsonNode> before = walkFeed(first, 0);
        long since = before.isEmpty() ? 0 : before.getLast().path("sequence").asLong();
        JsonNode page = get(second, "/v1/cases?sort=id&limit=20");
        String one = page.path("items").path(10).path("id").asText();
        String other = page.path("items").path(11).path("id").asText();
        int perWriter = 8;

        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Integer> writerOne = CompletableFuture.supplyAsync(() -> write(first, one, perWriter));
        CompletableFuture<Integer> writerTwo = CompletableFuture.supplyAsync(() -> write(second, other, perWriter));
        CompletableFuture.allOf(writerOne, writerTwo).whenComplete((r, e) -> writing.set(false));

        // a reader walks the feed through both instances while they write, never starting over
        List<JsonNode> walked = new ArrayList<>();
        long position = since;
        boolean last = false;
        for (int turn = 0; !last; turn++) {
            last = !writing.get();
            JsonNode next = get(turn % 2 == 0 ? first : second, "/v1/changes?since=" + position + "&limit=3");
            next.path("items").forEach(walked::add);
            position = next.path("next_since").asLong();
            if (next.path("items").size() == 3) {
                last = false; // more to read
            }
        }
        assertEquals(perWriter, writerOne.get());
        assertEquals(perWriter, writerTwo.get());

        List<JsonNode> after = walkFeed(second, since);
        assertEquals(2 * perWriter, after.size(), "each correction is one change: " + after);
        assertEquals(sequences(after), sequences(walked), "the walk while writing skipped or repeated a change");
        List<Long> ordered = sequences(after);
        for (int i = 1; i < ordered.size(); i++) {
            assertTrue(ordered.get(i) > ordered.get(i - 1), "not in order: " + ordered);
        }
    }

    @Test
    void aClientsRateLimitHoldsAcrossTheFleet() throws Exception {
        String client = "203.0.113.77";
        int allowedBySecond = 0;
        boolean secondRefused = false;
        for (int i = 0; i < 2 * ANONYMOUS_PER_MINUTE && !secondRefused; i++) {
            boolean throughFirst = i % 3 != 2; // two of three requests through the first instance
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + (throughFirst ? first : second) + "/v1/codebook"))
                            .header("X-Forwarded-For", client)
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.headers().firstValue("RateLimit").isPresent());
            if (!throughFirst) {
                if (answer.statusCode() == 429) {
                    secondRefused = true;
                    assertTrue(answer.headers().firstValue("Retry-After").isPresent());
                } else {
                    assertEquals(200, answer.statusCode(), answer.body());
                    allowedBySecond++;
                }
            }
        }
        // counting alone, the second instance would allow the client 30 requests a minute; it refused one
        // after far fewer because the first instance's answers came out of the same bucket
        assertTrue(secondRefused, "the second instance never refused the client");
        assertTrue(allowedBySecond < ANONYMOUS_PER_MINUTE, "allowed by the second: " + allowedBySecond);
        // another client is not affected
        assertEquals(
                200,
                HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + second + "/v1/codebook"))
                                        .header("X-Forwarded-For", "203.0.113.78")
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode());
    }

    private static int write(int port, String id, int times) {
        try {
            int version = get(port, "/v1/cases/" + id).path("version").asInt();
            int done = 0;
            for (int i = 0; i < times; i++) {
                HttpResponse<String> answer = patch(port, id, version, "Fleet feed test " + i + " on " + port + ".");
                assertEquals(200, answer.statusCode(), answer.body());
                version = JSON.readTree(answer.body()).path("version").asInt();
                done++;
            }
            return done;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> walkFeed(int port, long since) throws Exception {
        List<JsonNode> changes = new ArrayList<>();
        long position = since;
        while (true) {
            JsonNode page = get(port, "/v1/changes?since=" + position + "&limit=1000");
            page.path("items").forEach(changes::add);
            if (page.path("items").isEmpty()) {
                return changes;
            }
            position = page.path("next_since").asLong();
        }
    }

    private static List<Long> sequences(List<JsonNode> changes) {
        return changes.stream().map(c -> c.path("sequence").asLong()).toList();
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    /** Runs both calls at the same moment (released by one latch) and returns their results. */
    @SafeVarargs
    private static <T> List<T> race(Call<T>... calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Call<T> call : calls) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return call.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> future : futures) {
            results.add(future.get(3, TimeUnit.MINUTES));
        }
        return results;
    }

    private static HttpResponse<String> patch(int port, String id, int version, String outcome) throws Exception {
        return PackagedService.correctOutcome(port, ADMIN, id, version, outcome, "fleet test");
    }

    private static HttpResponse<String> cut(int port, String version) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/curation/releases"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"version\": \"" + version + "\", \"notes\": \"Cut at once on two instances.\"}"))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A public read from a client address of its own (X-Forwarded-For), so that no test spends another's budget. */
    private static JsonNode get(int port, String path) throws Exception {
        int n = CLIENTS.incrementAndGet();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("X-Forwarded-For", "10.7." + (n / 250) + "." + (n % 250 + 1))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static Process start(int port, Path log, String... properties) {
        try {
            return PackagedService.start(port, log, properties);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
