package org.armstrace.releases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import org.armstrace.codebook.Codebook;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;
import org.armstrace.revisions.LastRevision;
import org.armstrace.revisions.RevisionLog;
import org.jboss.logging.Logger;

/**
 * Cuts releases: freezes the latest revision of every published record, then writes the release's
 * files, all in one transaction that holds the revision writers' turn, so the release is exactly the
 * log up to its {@code last_sequence} and appears whole or not at all.
 */
@ApplicationScoped
public class ReleaseCutter {

    private static final Logger LOG = Logger.getLogger(ReleaseCutter.class);
    private static final int CUT_TIMEOUT_SECONDS = 3600;
    /** A release of at least this many records refreshes the planner's statistics of the frozen rows before it commits. */
    static final int ANALYZE_AFTER_RECORDS = 10_000;

    /**
     * The columns pinned queries filter, join and sort on. Without it, until autovacuum comes by, PostgreSQL plans
     * the queries pinned to a new release of 100,000 records as if the release had a few hundred rows (a pinned
     * page by country right after such a cut: 33 ms before, 12 ms with it).
     */
    static final String ANALYZE = """
            analyze release_case (release_id, public_id, status, event_start, event_end, country, latitude, case_type,
                legal_status, context, weapon_3d_role, channels, payment_methods, confidence, uncertain, rendition_id),
                release_source (case_id, source_type), release_count (case_id, count_key)""";

    private final EntityManager em;
    private final RevisionLog revisions;
    private final ReleaseStore store;
    private final ReleaseFiles files;
    private final LastRevision last;

    private final Codebook codebook;

    public ReleaseCutter(
            EntityManager em,
            RevisionLog revisions,
            ReleaseStore store,
            ReleaseFiles files,
            LastRevision last,
            Codebook codebook) {
        this.codebook = codebook;
        this.last = last;
        this.em = em;
        this.revisions = revisions;
        this.store = store;
        this.files = files;
    }

    /**
     * A new release of the published records as they are now, in a transaction of its own that may take
     * as long as writing the files takes; 409 unless its version is above every other release's.
     */
    public ReleaseStore.Row cutAlone(String version, String notes, OffsetDateTime at, Long tokenId) {
        long start = System.nanoTime();
        ReleaseStore.Row release = QuarkusTransaction.requiringNew()
                .timeout(CUT_TIMEOUT_SECONDS)
                .call(() -> cut(version, notes, at, tokenId, codebook));
        LOG.infof("Release %s committed, %d ms after the cut began.", version, (System.nanoTime() - start) / 1_000_000);
        return release;
    }

    /**
     * The same, within the caller's transaction (a shipped release, applied at start), described by the
     * codebook that release was cut with.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReleaseStore.Row cut(String version, String notes, OffsetDateTime at, Long tokenId, Codebook codebook) {
        long begun = System.nanoTime();
        revisions.holdOrder();
        SemanticVersion parsed = SemanticVersion.parse(version);
        store.latest().ifPresent(latest -> {
            if (parsed.compareTo(SemanticVersion.parse(latest.version())) <= 0) {
                throw new ApiProblem(
                        ProblemType.CONFLICT,
                        latest.version().equals(version)
                                ? "Release " + version + " exists; releases never change."
                                : "Release versions only go up: the " + "latest is " + latest.version() + ".",
                        List.of(ApiProblem.error(
                                "version",
                                org.armstrace.api.model.ProblemError.InEnum.BODY,
                                "greater_than_latest",
                                "must be greater than " + latest.version())));
            }
        });
        long lastSequence = revisions.lastSequence();
        long id = ((Number) em.createNativeQuery("""
                insert into release (version, major, minor, patch, released_at, notes, record_count, last_sequence, token_id)
                values (:v, :major, :minor, :patch, :at, :notes,
                        (select count(*) from case_record c where c.status = 'published'
                            and exists (select 1 from revision r where r.case_id = c.id)),
                        :last, :token)
                returning id""")
                        .setParameter("v", version)
                        .setParameter("major", parsed.major())
                        .setParameter("minor", parsed.minor())
                        .setParameter("patch", parsed.patch())
                        .setParameter("at", at)
                        .setParameter("notes", notes)
                        .setParameter("last", lastSequence)
                        .setParameter("token", tokenId)
                        .getSingleResult())
                .longValue();
        long start = System.nanoTime();
        freeze(id);
        ReleaseStore.Row release = store.find(version).orElseThrow();
        if (release.recordCount() >= ANALYZE_AFTER_RECORDS) {
            em.createNativeQuery(ANALYZE).executeUpdate();
        }
        long frozen = System.nanoTime();
        last.releaseAfterCommit(id);
        files.write(release, codebook);
        LOG.infof(
                "Cut release %s: %d records, change feed up to %d; turn taken and records counted in %d ms, frozen in"
                        + " %d ms, files in %d ms.",
                version,
                release.recordCount(),
                lastSequence,
                (start - begun) / 1_000_000,
                (frozen - start) / 1_000_000,
                (System.nanoTime() - frozen) / 1_000_000);
        return release;
    }

    /**
     * Copies the latest revision of every published record, what filters read of it and the id of its
     * rendition (its rendered forms, which are never changed), into the release; not its summary, which
     * a pinned snippet reads from the rendition (V14), nor its search tsvector, which the rendition keeps (V15).
     * The cut holds the writers' turn, so a record's row is its latest revision.
     */
    private void freeze(long releaseId) {
        // one statement: the sources and counts are keyed by the frozen rows it returns, so no later statement
        // has to find this release's rows again among every release's (a scan that grows with each release)
        em.createNativeQuery("""
                with frozen as (
                    insert into release_case (release_id, record_id, revision_sequence, public_id, status, version,
                        event_start, event_end, country, latitude, case_type, legal_status, context, weapon_3d_role,
                        channels, payment_methods, confidence, uncertain, rendition_id)
                    select :r, c.id, last.sequence, c.public_id, c.status, c.version,
                        c.event_start, c.event_end, c.country, c.latitude, c.case_type, c.legal_status, c.context,
                        c.weapon_3d_role, c.channels, c.payment_methods, c.confidence, c.uncertain, c.rendition_id
                    from case_record c
                    join lateral (select sequence from revision v where v.case_id = c.id
                                  order by sequence desc limit 1) last on true
                    where c.status = 'published'
                    returning id, record_id),
                sources as (
                    insert into release_source (case_id, source_type)
                    select f.id, s.source_type from frozen f join case_source s on s.case_id = f.record_id)
                insert into release_count (case_id, count_key, value, qualifier)
                select f.id, k.count_key, k.value, k.qualifier from frozen f join case_count k on k.case_id = f.record_id""").setParameter("r", releaseId).executeUpdate();
    }
}
