package org.armstrace.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.armstrace.curation.RevisionLog;

/** What the metadata and the citation say about the dataset as it is now. */
@ApplicationScoped
public class DatasetFacts {

    public static final String TITLE = "ArmsTrace: cases of 3D-printed firearms and online arms trafficking";
    public static final String AUTHOR = "ArmsTrace curators";
    public static final String LICENSE = "https://creativecommons.org/licenses/by/4.0/";
    public static final String DESCRIPTION = "A curated, sourced dataset of publicly reported cases about 3D-printed "
            + "firearms and online arms trafficking: seizures, arrests, dismantled networks, convictions, attacks, laws, "
            + "court rulings, research and official statistics. Case metadata only; people by role and age; places at "
            + "city level at most.";

    /** The facts of one moment. */
    public record Facts(String version, OffsetDateTime issued, OffsetDateTime modified, long records, LocalDate from,
            LocalDate to) {
    }

    private final EntityManager em;

    public DatasetFacts(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Facts now() {
        Object[] load = (Object[]) em.createNativeQuery(
                "select dataset_version, loaded_at from dataset_load order by loaded_at limit 1").getResultStream()
                .findFirst().orElse(new Object[] {"unreleased", null});
        Object[] span = (Object[]) em.createNativeQuery("select count(*), min(event_start), max(event_end) from case_record "
                + "where status = 'published'").getSingleResult();
        Object modified = em.createNativeQuery("select max(at) from revision where is_public").getSingleResult();
        OffsetDateTime issued = load[1] == null ? null : RevisionLog.instant(load[1]).atOffset(ZoneOffset.UTC);
        return new Facts((String) load[0], issued,
                modified == null ? issued : RevisionLog.instant(modified).atOffset(ZoneOffset.UTC),
                ((Number) span[0]).longValue(), date(span[1]), date(span[2]));
    }

    private static LocalDate date(Object value) {
        return value == null ? null : value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
