package org.armstrace.releases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CuratorActions;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Releases cut while curators write are exactly the revision log up to their {@code last_sequence}:
 * every record whose latest revision by then is published is in, at that revision, and nothing else.
 */
@QuarkusTest
class ReleaseConcurrencyTest {

    @Inject
    Tokens tokens;

    @Inject
    DataSource db;

    @Test
    void releasesCutDuringWritesHoldExactlyTheLogUpToTheirLastSequence() throws Exception {
        String editor = tokens.secret(Role.EDITOR);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 4; i++) {
                    CuratorActions.correctOutcome(
                            editor, CuratorActions.publishNew(editor, "FO"), 2, "Corrected " + i + ".");
                }
                return null;
            }));
        }
        List<String> versions = Collections.synchronizedList(new ArrayList<>());
        Future<?> cutter = pool.submit(() -> {
            for (int i = 0; i < 3; i++) {
                versions.add(cutNext(editor));
            }
            return null;
        });
        for (Future<?> writer : writers) {
            writer.get(2, TimeUnit.MINUTES);
        }
        cutter.get(2, TimeUnit.MINUTES);
        pool.shutdown();
        assertEquals(3, versions.size());
        for (String version : versions) {
            assertEquals(
                    0, mismatches(version), "release " + version + " differs from the log up to its last_sequence");
        }
    }

    @Test
    void twoEditorsCuttingTheSameVersionAtOnceMakeOneRelease() throws Exception {
        String editor = tokens.secret(Role.EDITOR);
        String version = next();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(pool.submit(() -> given().header("Authorization", "Bearer " + editor)
                    .contentType("application/json")
                    .body("{\"version\": \"" + version + "\", \"notes\": \"Race.\"}")
                    .when()
                    .post("/v1/curation/releases")
                    .then()
                    .extract()
                    .statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(1, TimeUnit.MINUTES));
        }
        pool.shutdown();
        Collections.sort(statuses);
        assertEquals(List.of(201, 409), statuses);
    }

    /**
     * Records that the log up to the release's last sequence and the release disagree on: published
     * by then but missing, present but not published by then, or frozen at another revision.
     */
    private long mismatches(String version) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                with r as (select id, last_sequence from release where version = ?),
                latest as (
                    select distinct on (v.case_id) v.case_id, v.sequence,
                        cast(coalesce(v.snapshot, d.document) as jsonb) ->> 'status' as status
                    from revision v left join rendition d on d.id = v.rendition_id, r where v.sequence <= r.last_sequence order by v.case_id, v.sequence desc),
                frozen as (select rc.record_id, rc.revision_sequence from release_case rc, r where rc.release_id = r.id)
                select count(*) from latest l full join frozen f on f.record_id = l.case_id
                where (coalesce(l.status, '') = 'published') <> (f.record_id is not null)
                   or f.revision_sequence <> l.sequence""")) {
            s.setString(1, version);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String cutNext(String editor) {
        String version = next();
        int status = given().header("Authorization", "Bearer " + editor)
                .contentType("application/json")
                .body("{\"version\": \"" + version + "\", \"notes\": \"Cut while writing.\"}")
                .when()
                .post("/v1/curation/releases")
                .then()
                .extract()
                .statusCode();
        assertTrue(status == 201, "cut " + version + ": " + status);
        return version;
    }

    private static String next() {
        String latest = given().when()
                .get("/v1/releases/latest")
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        String[] parts = latest.split("\\.");
        return parts[0] + "." + (Integer.parseInt(parts[1]) + 1) + ".0";
    }
}
