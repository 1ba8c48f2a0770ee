package org.armstrace.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.armstrace.cases.CaseDocuments;
import org.armstrace.cases.CaseEntity;
import org.armstrace.cases.CaseMapper;
import org.armstrace.cases.CaseStatus;
import org.armstrace.cases.CaseValidator;
import org.armstrace.releases.ReleaseCutter;
import org.armstrace.revisions.RevisionLog;
import org.jboss.logging.Logger;

/**
 * Loads the shipped dataset into an empty database at first start, once. Later starts leave the
 * database alone, so nothing curators changed is ever overwritten. Several instances starting
 * together against one database take turns on an advisory lock.
 */
@ApplicationScoped
public class ShippedDatasetLoader {

    private static final Logger LOG = Logger.getLogger(ShippedDatasetLoader.class);
    private static final long LOCK_KEY = 0x41524d53L; // "ARMS"

    private final EntityManager em;
    private final ObjectMapper json;
    private final CaseValidator validator;
    private final RevisionLog revisions;
    private final ReleaseCutter releases;
    private final CaseDocuments documents;

    public ShippedDatasetLoader(
            EntityManager em,
            ObjectMapper json,
            CaseValidator validator,
            RevisionLog revisions,
            ReleaseCutter releases,
            CaseDocuments documents) {
        this.em = em;
        this.documents = documents;
        this.releases = releases;
        this.revisions = revisions;
        this.validator = validator;
        this.json = ShippedDataset.strict(json);
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        em.createNativeQuery("select pg_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult();
        long loads = ((Number) em.createNativeQuery("select count(*) from dataset_load")
                        .getSingleResult())
                .longValue();
        if (loads > 0) {
            releaseIfUnreleased();
            return;
        }
        long records = ((Number)
                        em.createNativeQuery("select count(*) from case_record").getSingleResult())
                .longValue();
        if (records > 0) {
            LOG.warnf("The database holds %d case records but no shipped dataset: not loading it.", records);
            return;
        }
        ShippedDataset dataset = shipped();
        DatasetChecks.requireValid(dataset, validator);
        String note = "shipped dataset " + dataset.version();
        for (ShippedDataset.Entry record : dataset.records()) {
            CaseEntity entity = new CaseEntity();
            entity.publicId = record.id();
            entity.status = CaseStatus.PUBLISHED;
            entity.createdAt = dataset.releasedAt();
            entity.updatedAt = dataset.releasedAt();
            CaseMapper.copyContent(record.content(), entity);
            String document = documents.render(entity).documentText();
            em.persist(entity);
            revisions.append(new RevisionLog.Entry(
                    entity.id, entity.publicId, entity.version, true, RevisionLog.Action.IMPORT, null, document, note));
        }
        em.createNativeQuery(
                        "select setval('case_public_id_seq', greatest(1, (select coalesce(max(substr(public_id, 4)::int), 0) from case_record)))")
                .getSingleResult();
        em.createNativeQuery("insert into dataset_load (dataset_version, record_count) values (:v, :n)")
                .setParameter("v", dataset.version())
                .setParameter("n", dataset.records().size())
                .executeUpdate();
        LOG.infof(
                "Loaded the shipped dataset %s: %d case records.",
                dataset.version(), dataset.records().size());
        releaseShipped(dataset);
    }

    /** The shipped dataset is the first release, so that a fresh install has something to cite. */
    private void releaseShipped(ShippedDataset dataset) {
        releases.cut(
                dataset.version(),
                "The dataset as it ships with ArmsTrace: " + dataset.records().size()
                        + " publicly reported cases, each with its sources.",
                dataset.releasedAt(),
                null);
    }

    /**
     * A database loaded before releases existed gets its first release too, if nothing public changed
     * since the load (else the shipped version would not describe it, and an editor should cut one).
     */
    private void releaseIfUnreleased() {
        boolean released = !em.createNativeQuery("select 1 from release")
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
        if (released) {
            return;
        }
        long changed = revisions.publicChangesOtherThanImports();
        if (changed == 0) {
            releaseShipped(shipped());
        } else {
            LOG.warnf(
                    "No release yet, and %d public changes since the shipped dataset: an editor should cut one.",
                    changed);
        }
    }

    /** The dataset as shipped in the jar, parsed. */
    public ShippedDataset shipped() {
        return ShippedDataset.read(json);
    }
}
