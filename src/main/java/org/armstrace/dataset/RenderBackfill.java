package org.armstrace.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.armstrace.cases.CaseDocuments;
import org.armstrace.cases.CaseEntity;
import org.armstrace.export.RecordFormats;
import org.armstrace.export.RenderedRecord;
import org.armstrace.revisions.CaseSnapshots;
import org.jboss.logging.Logger;

/**
 * Gives rows written before records kept their rendered forms (schema V7) those forms, once, at start
 * and before the shipped dataset is looked at: live records from their row, releases from the
 * snapshot they froze (the only change a release row allows). A database that has them all does two
 * quick queries.
 */
@ApplicationScoped
public class RenderBackfill {

    private static final Logger LOG = Logger.getLogger(RenderBackfill.class);

    private final EntityManager em;
    private final CaseDocuments documents;
    private final RecordFormats formats;
    private final ObjectMapper json;

    public RenderBackfill(EntityManager em, CaseDocuments documents, RecordFormats formats, ObjectMapper json) {
        this.em = em;
        this.documents = documents;
        this.formats = formats;
        this.json = json;
    }

    @Transactional
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        List<CaseEntity> live = em.createQuery("from CaseEntity where document is null", CaseEntity.class)
                .getResultList();
        live.forEach(documents::render);
        @SuppressWarnings("unchecked")
        List<Object[]> frozen = em.createNativeQuery(
                        "select id, cast(snapshot as text) from release_case where document is null")
                .getResultList();
        for (Object[] row : frozen) {
            RenderedRecord rendered = formats.render(CaseSnapshots.read(json, (String) row[1]));
            em.createNativeQuery("update release_case set document = :d, csv_row = :c, geometry = :g where id = :id")
                    .setParameter("d", rendered.documentText())
                    .setParameter("c", rendered.csvRowText())
                    .setParameter("g", rendered.geometryText())
                    .setParameter("id", ((Number) row[0]).longValue())
                    .executeUpdate();
        }
        if (!live.isEmpty() || !frozen.isEmpty()) {
            LOG.infof(
                    "Rendered %d records and %d release rows written before rendered reads.",
                    live.size(), frozen.size());
        }
    }
}
