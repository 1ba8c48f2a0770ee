package org.armstrace.common;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that ask for a large answer and then stop reading it do not take the service down: with a
 * pool of four database connections, seven such readers (release changes as JSON and CSV, exports
 * pinned to a release) leave other requests and readiness answering 200; and a client gets at most
 * two heavy answers at once, a third being refused with a 429 problem until one of them ends. When no
 * connection is free within the pool's acquisition timeout, a read is a 503 a client may retry.
 */
@QuarkusTest
@TestProfile(SlowReadersTest.SmallPool.class)
class SlowReadersTest {

    /** Four database connections, and client addresses from X-Forwarded-For as behind a proxy. */
    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.max-size",
                    "4",
                    "quarkus.datasource.jdbc.acquisition-timeout",
                    "5S",
                    "quarkus.http.proxy.proxy-address-forwarding",
                    "true",
                    "quarkus.http.proxy.allow-x-forwarded",
                    "true");
        }
    }

    private static final int RECORDS = 8000;
    private static final String CHANGES = "/v1/releases/90.1.0/changes?since=90.0.0";
    private static boolean loaded;

    @Inject
    DataSource db;

    /** Two large releases, 90.0.0 and 90.1.0, in which every one of 8,000 records has a new summary (about 9 MB of changes). */
    @BeforeEach
    void twoLargeReleases() throws Exception {
        if (loaded) {
            return;
        }
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("""
                    insert into release (version, major, minor, patch, released_at, notes, record_count, last_sequence)
                    select v, 90, m, 0, now(), 'Synthetic, for slow readers.', %d, (select max(sequence) from revision)
                    from (values ('90.0.0', 0), ('90.1.0', 1)) as r(v, m)""".formatted(RECORDS));
            for (String[] release : List.of(new String[] {"90.0.0", "a", "min"}, new String[] {"90.1.0", "b", "max"})) {
                try (PreparedStatement insert = c.prepareStatement("""
                        insert into release_case (release_id, record_id, revision_sequence, snapshot, public_id, status, version,
                            event_start, event_end, country, latitude, case_type, legal_status, context, weapon_3d_role,
                            channels, payment_methods, confidence, uncertain, summary, search, document, csv_row, geometry)
                        select (select id from release where version = ?), rc.record_id, (select %s(sequence) from revision),
                            s.snapshot, p.id, rc.status, rc.version, rc.event_start, rc.event_end, rc.country, rc.latitude,
                            rc.case_type, rc.legal_status, rc.context, rc.weapon_3d_role, rc.channels, rc.payment_methods,
                            rc.confidence, rc.uncertain, rc.summary, rc.search, cast(s.snapshot as text), d.csv_row, d.geometry
                        from generate_series(1, ?) g
                        cross join lateral (select 'AT-' || (100000 + g) as id) p
                        cross join (select * from release_case where public_id = 'AT-000001'
                                    and release_id = (select id from release where version = '1.0.0')) rc
                        join rendition d on d.id = rc.rendition_id
                        cross join lateral (select jsonb_set(jsonb_set(cast(d.document as jsonb), '{summary}', to_jsonb(repeat(?, 1000))),
                                    '{id}', to_jsonb(p.id)) as snapshot) s""".formatted(release[2]))) {
                    insert.setString(1, release[0]);
                    insert.setInt(2, RECORDS);
                    insert.setString(3, release[1]);
                    insert.executeUpdate();
                }
            }
        }
        loaded = true;
    }

    @Test
    void slowReadersHoldNoDatabaseConnections() throws Exception {
        List<Socket> readers = new ArrayList<>();
        try {
            List<String> paths = List.of(
                    CHANGES,
                    CHANGES,
                    CHANGES,
                    CHANGES + "&format=csv",
                    CHANGES + "&format=csv",
                    "/v1/cases?release=90.1.0&format=ndjson",
                    "/v1/cases?release=90.1.0&format=csv");
            for (int i = 0; i < paths.size(); i++) {
                readers.add(slowReader(paths.get(i), "203.0.113." + (i + 1)));
            }
            // while they hang, with more of them than database connections
            given().header("X-Forwarded-For", "198.51.100.1")
                    .when()
                    .get("/v1/cases/AT-000001")
                    .then()
                    .statusCode(200);
            given().when().get("/q/health/ready").then().statusCode(200);
            given().header("X-Forwarded-For", "198.51.100.1")
                    .when()
                    .get("/v1/releases/90.1.0")
                    .then()
                    .statusCode(200);
            // and the slow readers were being sent a large answer, which goes on when they read again
            assertTrue(readSome(readers.get(0).getInputStream(), 2_000_000) >= 2_000_000);
        } finally {
            for (Socket reader : readers) {
                reader.close();
            }
        }
    }

    @Test
    void aThirdHeavyAnswerAtOnceForOneClientGets429() throws Exception {
        String client = "192.0.2.77";
        List<Socket> readers = new ArrayList<>();
        try {
            readers.add(slowReader(CHANGES, client));
            readers.add(slowReader("/v1/cases?release=90.1.0&format=ndjson", client));
            assertProblem(
                            given().header("X-Forwarded-For", client)
                                    .when()
                                    .get("/v1/cases?format=csv")
                                    .then(),
                            429,
                            "too-many-requests")
                    .header("Retry-After", matchesPattern("\\d+"))
                    .body("detail", containsString("2 downloads"));
            // other clients, and light requests of the same client, are not affected
            given().header("X-Forwarded-For", "192.0.2.78")
                    .when()
                    .get("/v1/cases?format=csv")
                    .then()
                    .statusCode(200);
            given().header("X-Forwarded-For", client)
                    .when()
                    .get("/v1/cases/AT-000001")
                    .then()
                    .statusCode(200);
        } finally {
            for (Socket reader : readers) {
                reader.close();
            }
        }
        // once the client hangs up, its places are given back (the server notices the closed connections soon after)
        int status = 0;
        for (int attempt = 0; attempt < 100 && status != 200; attempt++) {
            status = given().header("X-Forwarded-For", client)
                    .when()
                    .get("/v1/cases?format=csv")
                    .then()
                    .extract()
                    .statusCode();
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertTrue(status == 200, "the client's places were never given back: " + status);
    }

    @Test
    void whenNoConnectionIsFreeInTimeAReadAnswers503WithRetryAfter() throws Exception {
        // all four connections busy (as under a burst of slow statistics): the pool gives up after its 5-s
        // acquisition timeout, which is a passing outage a client may retry, not a fault of the service
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(db.getConnection());
            }
            assertProblem(
                            given().header("X-Forwarded-For", "198.51.100.9")
                                    .when()
                                    .get("/v1/stats?group_by=country,year&sum=printed_firearms_seized&case_type=arrest")
                                    .then(),
                            503,
                            "service-unavailable")
                    .header("Retry-After", "2");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        given().header("X-Forwarded-For", "198.51.100.9")
                .when()
                .get("/v1/stats?group_by=country,year&sum=printed_firearms_seized&case_type=arrest")
                .then()
                .statusCode(200);
    }

    /** Sends a GET, reads the status line and headers, and then stops reading (a small receive window). */
    private static Socket slowReader(String path, String client) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 10_000);
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + client
                                + "\r\nAccept-Encoding: identity\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String head = readHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 200"), path + " from " + client + ": " + head);
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4
                    && bytes[n - 4] == '\r'
                    && bytes[n - 3] == '\n'
                    && bytes[n - 2] == '\r'
                    && bytes[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static long readSome(InputStream in, long wanted) throws IOException {
        byte[] buffer = new byte[65536];
        long read = 0;
        while (read < wanted) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }
}
