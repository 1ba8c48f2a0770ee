package org.armstrace.feed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.armstrace.api.model.Role;
import org.armstrace.testing.CuratorActions;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The change feed lists every public change exactly once and in order, also while curators write. */
@QuarkusTest
class ChangeFeedTest {

    @Inject
    Tokens tokens;

    @Inject
    EntityManager em;

    @Test
    void walkingInSmallPagesDuringConcurrentWritesSeesEveryChangeOnce() throws Exception {
        long start = walk(0, 1000, new ArrayList<>());
        String editor = tokens.secret(Role.EDITOR);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            done.add(writers.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    CuratorActions.correctOutcome(
                            editor, CuratorActions.publishNew(editor, "AQ"), 2, "Corrected " + i + ".");
                }
                return null;
            }));
        }
        List<Long> seen = new ArrayList<>();
        long since = start;
        while (!done.stream().allMatch(Future::isDone)) {
            since = walk(since, 3, seen);
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();
        assertTrue(writers.awaitTermination(10, TimeUnit.SECONDS));
        walk(since, 3, seen);
        @SuppressWarnings("unchecked")
        List<Long> expected = em
                .createNativeQuery("select sequence from revision where is_public and sequence > :s order by sequence")
                .setParameter("s", start)
                .getResultList()
                .stream()
                .map(n -> ((Number) n).longValue())
                .toList();
        assertEquals(40, expected.size(), "20 publications and 20 corrections are public; the 20 creations are not");
        assertEquals(expected, seen);
    }

    /** Reads the feed from {@code since} to its current end, adding sequences to {@code seen}; returns the last one. */
    private static long walk(long since, int limit, List<Long> seen) {
        long at = since;
        while (true) {
            JsonPath page = given().queryParam("since", at)
                    .queryParam("limit", limit)
                    .when()
                    .get("/v1/changes")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Long> sequences = page.getList("items.sequence", Long.class);
            seen.addAll(sequences);
            at = page.getLong("next_since");
            if (sequences.size() < limit) {
                return at;
            }
        }
    }

    @Test
    void theAtomFeedListsTheLatestChanges() throws Exception {
        byte[] body = given().queryParam("limit", 5)
                .when()
                .get("/v1/changes.atom")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/atom+xml"))
                .extract()
                .asByteArray();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document atom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        assertEquals("http://www.w3.org/2005/Atom", atom.getDocumentElement().getNamespaceURI());
        assertEquals("feed", atom.getDocumentElement().getLocalName());
        assertEquals(
                5,
                atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry")
                        .getLength());
        List<Long> latest = given().queryParam("since", 0)
                .queryParam("limit", 1000)
                .when()
                .get("/v1/changes")
                .then()
                .extract()
                .jsonPath()
                .getList("items.sequence", Long.class);
        String firstId = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry")
                .item(0)
                .getFirstChild()
                .getTextContent();
        assertTrue(firstId.endsWith("#" + latest.get(latest.size() - 1)) || latest.size() == 1000, firstId);
    }
}
