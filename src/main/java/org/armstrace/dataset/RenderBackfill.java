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
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.armstrace.export.RecordFormats;
import org.armstrace.export.RenderedRecord;
import org.armstrace.revisions.CaseSnapshots;
import org.jboss.logging.Logger;

/**
 * Gives rows written before records kept their rendered forms (schema V7) those forms, once, at start
 * and before the shipped dataset is looked at: live records a rendition made from their row, releases
 * their texts from the snapshot they froze (the only change a release row allows). A database that has
 * them all does two quick queries.
 */
@ApplicationScoped
public class RenderBackfill {

    private static final Logger LOG = Logger.getLogger(RenderBackfill.class);

    /** A release row cut before rendered reads: its id and the snapshot it froze. */
    private record Frozen(long id, String snapshot) {}

    private final EntityManager em;
    private final Jdbc db;
    private final CaseDocuments documents;
    private final RecordFormats formats;
    private final ObjectMapper json;

    public RenderBackfill(
            EntityManager em, Jdbc db, CaseDocuments documents, RecordFormats formats, ObjectMapper json) {
        this.em = em;
        this.db = db;
        this.documents = documents;
        this.formats = formats;
        this.json = json;
    }

    @Transactional
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        List<CaseEntity> live = db.exists(Sql.of("select 1 from case_record where rendition_id is null"))
                ? em.createQuery("from CaseEntity where renditionId is null", CaseEntity.class)
                        .getResultList()
                : List.of(); // the usual start: no query for the entity manager to compile
        live.forEach(documents::keep);
        // the records' new forms go to the database before the release rows are read over plain JDBC,
        // in the same order as when every statement went through the entity manager
        em.flush();
        List<Frozen> frozen = db.list(
                Sql.of("select id, cast(snapshot as text) as snapshot from release_case"
                        + " where document is null and rendition_id is null"),
                row -> new Frozen(row.getLong("id"), row.getString("snapshot")));
        for (Frozen row : frozen) {
            RenderedRecord rendered = formats.render(CaseSnapshots.read(json, row.snapshot()));
            db.update(Sql.of(
                    "update release_case set document = ?, csv_row = ?, geometry = ? where id = ?",
                    rendered.documentText(),
                    rendered.csvRowText(),
                    rendered.geometryText(),
                    row.id()));
        }
        if (!live.isEmpty() || !frozen.isEmpty()) {
            LOG.infof(
                    "Rendered %d records and %d release rows written before rendered reads.",
                    live.size(), frozen.size());
        }
    }
}
