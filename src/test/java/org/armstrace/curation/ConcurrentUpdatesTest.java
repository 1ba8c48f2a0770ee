package org.armstrace.curation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CaseInputs;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Twenty curators change the same draft at once with the same If-Match: one wins, nineteen get 412. */
@QuarkusTest
class ConcurrentUpdatesTest {

    @Inject
    Tokens tokens;

    @Inject
    EntityManager em;

    @Test
    void exactlyOneOfTwentyConcurrentUpdatesWins() throws Exception {
        String curator = tokens.secret(Role.CURATOR);
        String id = given().header("Authorization", "Bearer " + curator)
                .contentType("application/json")
                .body(CaseInputs.valid("AQ").toString())
                .when()
                .post("/v1/curation/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        long revisionsBefore = revisions(id);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String outcome = "Outcome written by curator " + i + ".";
            results.add(pool.submit(() -> {
                start.await();
                return given().header("Authorization", "Bearer " + curator)
                        .header("If-Match", "\"v1\"")
                        .contentType("application/merge-patch+json")
                        .body("{\"outcome\": \"" + outcome + "\"}")
                        .when()
                        .patch("/v1/curation/cases/" + id)
                        .then()
                        .extract()
                        .statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        assertEquals(revisionsBefore + 1, revisions(id));
        given().header("Authorization", "Bearer " + curator)
                .when()
                .get("/v1/curation/cases/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"v2\"");
    }

    private long revisions(String id) {
        return ((Number) em.createNativeQuery("select count(*) from revision where public_id = :id")
                        .setParameter("id", id)
                        .getSingleResult())
                .longValue();
    }
}
