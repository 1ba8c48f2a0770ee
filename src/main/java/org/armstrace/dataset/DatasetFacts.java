package org.armstrace.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.armstrace.releases.ReleaseStore;
import org.armstrace.revisions.RevisionLog;

/** What the metadata and the citation say about the dataset: as it is now, or as one release froze it. */
@ApplicationScoped
public class DatasetFacts {

    /** The facts of one moment. */
    public record Facts(
            String version,
            OffsetDateTime issued,
            OffsetDateTime modified,
            long records,
            LocalDate from,
            LocalDate to) {}

    private final EntityManager em;
    private final RevisionLog revisions;

    public DatasetFacts(EntityManager em, RevisionLog revisions) {
        this.em = em;
        this.revisions = revisions;
    }

    /** The live dataset: its version is the latest release's, its modification time the last public change's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Facts now(ReleaseStore.Row latest) {
        Object[] span =
                (Object[]) em.createNativeQuery("select count(*), min(event_start), max(event_end) from case_record "
                                + "where status = 'published'")
                        .getSingleResult();
        OffsetDateTime issued = latest == null ? null : latest.releasedAt();
        return new Facts(
                latest == null ? "unreleased" : latest.version(),
                issued,
                revisions.lastPublicChangeAt().orElse(issued),
                ((Number) span[0]).longValue(),
                date(span[1]),
                date(span[2]));
    }

    /** One release, as it was cut. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Facts of(ReleaseStore.Row release) {
        Object[] span = (Object[])
                em.createNativeQuery("select min(event_start), max(event_end) from release_case where release_id = :r")
                        .setParameter("r", release.id())
                        .getSingleResult();
        return new Facts(
                release.version(),
                release.releasedAt(),
                release.releasedAt(),
                release.recordCount(),
                date(span[0]),
                date(span[1]));
    }

    private static LocalDate date(Object value) {
        return value == null ? null : value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
