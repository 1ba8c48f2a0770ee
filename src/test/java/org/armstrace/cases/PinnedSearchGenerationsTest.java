package org.armstrace.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.junit.jupiter.api.Test;

/**
 * A search pinned to a release cut before schema V15 matches the search vectors its rows kept; one pinned
 * to a release cut since matches the vectors of its rows' renditions. Run as the service's queries, in a
 * transaction rolled back at the end (releases cannot be deleted), on a copy of the shipped release 1.0.0
 * whose rows keep a vector of their own, as rows cut before V15 do.
 */
@QuarkusTest
class PinnedSearchGenerationsTest {

    @Inject
    Jdbc db;

    @Inject
    ReleaseIds releases;

    @Test
    void aReleaseCutBeforeV15IsSearchedByItsRowsOwnVectorsAndOneCutSinceByItsRenditions() {
        QuarkusTransaction.begin();
        try {
            long shipped = id("1.0.0");
            db.update(Sql.of("""
                    insert into release (version, major, minor, patch, released_at, notes, record_count, last_sequence)
                    values ('70.0.0', 70, 0, 0, now(), 'Cut before V15 (synthetic).', 1, 1)"""));
            long old = id("70.0.0");
            // every row keeps a vector of its own, with a word that no rendition's search text has
            db.update(Sql.of("""
                    insert into release_case (release_id, record_id, revision_sequence, public_id, status, version,
                        event_start, event_end, country, latitude, case_type, legal_status, context, weapon_3d_role,
                        channels, payment_methods, confidence, uncertain, summary, search, rendition_id)
                    select ?, record_id, revision_sequence, public_id, status, version, event_start, event_end, country,
                        latitude, case_type, legal_status, context, weapon_3d_role, channels, payment_methods,
                        confidence, uncertain, summary, to_tsvector('english', 'quokka ' || public_id), rendition_id
                    from release_case where release_id = ?""", old, shipped));

            // the scopes pinned queries get: the synthetic release's rows keep vectors, the shipped release's do not
            CaseScope before = releases.scopeOf("70.0.0").orElseThrow();
            CaseScope since = releases.scopeOf("1.0.0").orElseThrow();
            assertEquals(new CaseScope(old, true), before);
            assertEquals(new CaseScope(shipped, false), since);

            List<String> all = ids(since, null, CaseSort.ID_ASC);
            assertFalse(all.isEmpty());
            assertTrue(ids(since, "quokka", CaseSort.ID_ASC).isEmpty(), "no rendition has the word");
            assertEquals(all, ids(before, "quokka", CaseSort.ID_ASC), "the rows' own vectors are searched");
            String one = all.get(all.size() / 2);
            assertEquals(List.of(one), ids(before, "quokka " + one, CaseSort.RELEVANCE), "and ranked");

            // rows cut before V15 that still point to a rendition with a vector match it as well
            List<String> telegram = ids(since, "telegram", CaseSort.ID_ASC);
            assertFalse(telegram.isEmpty());
            assertTrue(telegram.size() < all.size());
            assertEquals(telegram, ids(before, "telegram", CaseSort.ID_ASC));
            assertEquals(
                    telegram.size(), ids(since, "telegram", CaseSort.RELEVANCE).size(), "ranked by renditions");
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private long id(String version) {
        return db.list(Sql.of("select id from release where version = ?", version), row -> row.getLong(1))
                .get(0);
    }

    /** The public ids a page pinned to the release answers, searched for {@code q} (or not). */
    private List<String> ids(CaseScope release, String q, CaseSort sort) {
        CaseFilter filter = CaseFilter.builder().query(q).build().in(release);
        return db.list(new CaseQuery(filter).page(sort, null, 500, List.of("document")), row -> row.getString(1));
    }
}
