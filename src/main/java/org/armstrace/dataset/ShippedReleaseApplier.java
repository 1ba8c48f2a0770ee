package org.armstrace.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.armstrace.api.model.CaseInput;
import org.armstrace.cases.CaseDocuments;
import org.armstrace.cases.CaseEntity;
import org.armstrace.cases.CaseMapper;
import org.armstrace.cases.CaseStatus;
import org.armstrace.cases.CaseValidator;
import org.armstrace.revisions.RevisionLog;

/**
 * Applies a shipped release's change set to the database, in the caller's transaction: its added records
 * are published under their shipped ids, its corrections become revisions of the records they correct,
 * each logged with the release's note, and {@code dataset_load} remembers the version.
 *
 * <p>On an install that holds only shipped releases ({@link Mode#AS_SHIPPED}) the release applies as it
 * is, at its release time, so a fresh install's files are the same bytes everywhere. On an install whose
 * curators changed things ({@link Mode#REVIEWED}, an admin's request) nothing of theirs is overwritten:
 * an added record whose id is taken here gets the next free id (links follow it), and a correction of a
 * record that curators changed, retracted or never had is skipped and reported, for an editor to apply
 * by hand if they agree.
 */
@ApplicationScoped
public class ShippedReleaseApplier {

    /** How a release applies. */
    public enum Mode {
        AS_SHIPPED,
        REVIEWED
    }

    /** A correction that was not applied, and why. */
    public record Skipped(String id, String reason, String note) {}

    /** What applying did (or, in a dry run, would do). */
    public record Report(
            String version,
            List<String> added,
            Map<String, String> renumbered,
            List<String> corrected,
            List<Skipped> skipped) {}

    private final EntityManager em;
    private final CaseValidator validator;
    private final RevisionLog revisions;
    private final CaseDocuments documents;

    public ShippedReleaseApplier(
            EntityManager em, CaseValidator validator, RevisionLog revisions, CaseDocuments documents) {
        this.em = em;
        this.validator = validator;
        this.revisions = revisions;
        this.documents = documents;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Report apply(ShippedRelease release, Mode mode, Long tokenId, OffsetDateTime at) {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> renumbered = new LinkedHashMap<>();
        // a free id is above every id here and every id this release ships, so it can take none of them
        int shippedMax = release.added().stream()
                .mapToInt(e -> Integer.parseInt(e.id().substring(3)))
                .max()
                .orElse(0);
        em.createNativeQuery("select setval('case_public_id_seq', greatest(1, :shipped,"
                        + " (select coalesce(max(substr(public_id, 4)::int), 0) from case_record)))")
                .setParameter("shipped", shippedMax)
                .getSingleResult();
        for (ShippedRelease.Entry record : release.added()) {
            String id = record.id();
            if (exists(id)) {
                if (mode == Mode.AS_SHIPPED) {
                    throw new IllegalStateException(id + " of shipped release " + release.version() + " exists");
                }
                id = String.format(
                        "AT-%06d",
                        ((Number) em.createNativeQuery("select nextval('case_public_id_seq')")
                                        .getSingleResult())
                                .longValue());
                renumbered.put(record.id(), id);
            }
            ids.put(record.id(), id);
        }
        Set<String> pending = new HashSet<>(ids.values());
        List<String> failures = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (ShippedRelease.Entry record : release.added()) {
            String id = ids.get(record.id());
            CaseInput content = relinked(record.content(), ids);
            check(content, id, pending, failures);
            CaseEntity entity = new CaseEntity();
            entity.publicId = id;
            entity.status = CaseStatus.PUBLISHED;
            entity.createdAt = at;
            entity.updatedAt = at;
            CaseMapper.copyContent(content, entity);
            log(entity, RevisionLog.Action.IMPORT, tokenId, release.addedNote(), true);
            added.add(id);
        }
        List<String> corrected = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (ShippedRelease.Correction correction : release.corrected()) {
            CaseEntity entity = em.createQuery("from CaseEntity where publicId = :id", CaseEntity.class)
                    .setParameter("id", correction.id())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultStream()
                    .findFirst()
                    .orElse(null);
            String reason = entity == null
                    ? "not on this install"
                    : !CaseStatus.PUBLISHED.equals(entity.status)
                            ? "it is " + entity.status + " here"
                            : mode == Mode.REVIEWED && revisions.changedByCurators(entity.id)
                                    ? "curators changed it here; apply the correction by hand if it still holds"
                                    : null;
            if (reason != null) {
                if (mode == Mode.AS_SHIPPED) {
                    throw new IllegalStateException("Shipped release " + release.version() + " cannot correct "
                            + correction.id() + ": " + reason);
                }
                skipped.add(new Skipped(correction.id(), reason, correction.note()));
                continue;
            }
            CaseInput content = relinked(correction.content(), ids);
            check(content, entity.publicId, pending, failures);
            CaseMapper.copyContent(content, entity);
            entity.version++;
            entity.updatedAt = at;
            log(entity, RevisionLog.Action.UPDATE, tokenId, release.correctionNote(correction), false);
            corrected.add(entity.publicId);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Shipped release " + release.version() + " breaks " + failures.size()
                    + " rule(s) here:\n  " + String.join("\n  ", failures));
        }
        em.createNativeQuery(
                        "select setval('case_public_id_seq', greatest(1, (select coalesce(max(substr(public_id, 4)::int), 0) from case_record)))")
                .getSingleResult();
        em.createNativeQuery("insert into dataset_load (dataset_version, record_count) values (:v, :n)")
                .setParameter("v", release.version())
                .setParameter("n", added.size() + corrected.size())
                .executeUpdate();
        return new Report(release.version(), added, renumbered, corrected, skipped);
    }

    /** The versions of shipped releases this database holds, in the order they were applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> applied() {
        @SuppressWarnings("unchecked")
        List<String> versions = em.createNativeQuery(
                        "select dataset_version from dataset_load order by loaded_at, dataset_version")
                .getResultList();
        return versions;
    }

    private void log(CaseEntity entity, RevisionLog.Action action, Long tokenId, String note, boolean persist) {
        long rendition = documents.keep(entity);
        if (persist) {
            em.persist(entity);
        }
        revisions.append(new RevisionLog.Entry(
                entity.id, entity.publicId, entity.version, true, action, tokenId, rendition, note));
    }

    private void check(CaseInput content, String id, Set<String> pending, List<String> failures) {
        validator
                .check(content, id, other -> pending.contains(other) || exists(other))
                .forEach(e -> failures.add(id + " " + e.getName() + " " + e.getRule() + ": " + e.getDetail()));
    }

    /** The content with its related ids naming records as they are numbered here (the shipped release is read afresh for each use). */
    private static CaseInput relinked(CaseInput content, Map<String, String> ids) {
        if (content.getRelatedIds() != null) {
            content.setRelatedIds(content.getRelatedIds().stream()
                    .map(id -> ids.getOrDefault(id, id))
                    .toList());
        }
        return content;
    }

    private boolean exists(String publicId) {
        return !em.createNativeQuery("select 1 from case_record where public_id = :id")
                .setParameter("id", publicId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }
}
