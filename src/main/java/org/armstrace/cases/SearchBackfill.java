package org.armstrace.cases;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.jboss.logging.Logger;

/**
 * Fills the search text of records stored before search existed (a database upgraded from an older
 * version, whose records' renditions took an empty search text in schema V15). Renditions never change, so
 * such a record gets a new one, the same forms with their search text. It changes no content, so it writes
 * no revision.
 */
@ApplicationScoped
public class SearchBackfill {

    private static final Logger LOG = Logger.getLogger(SearchBackfill.class);
    private static final Sql UNSEARCHABLE =
            Sql.of("select c.id from case_record c join rendition_search s on s.rendition_id = c.rendition_id"
                    + " where s.search_main = ''");

    private final EntityManager em;
    private final Jdbc db;
    private final CaseDocuments documents;

    public SearchBackfill(EntityManager em, Jdbc db, CaseDocuments documents) {
        this.em = em;
        this.db = db;
        this.documents = documents;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        List<Long> ids = db.list(UNSEARCHABLE, row -> row.getLong(1));
        if (ids.isEmpty()) {
            return; // the usual start: nothing to fill
        }
        for (Long id : ids) {
            documents.keep(em.find(CaseEntity.class, id));
        }
        LOG.infof("Indexed %d records for full-text search.", ids.size());
    }
}
