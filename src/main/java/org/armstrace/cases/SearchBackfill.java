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
 * version). It changes no content, so it writes no revision.
 */
@ApplicationScoped
public class SearchBackfill {

    private static final Logger LOG = Logger.getLogger(SearchBackfill.class);

    private final EntityManager em;
    private final Jdbc db;

    public SearchBackfill(EntityManager em, Jdbc db) {
        this.em = em;
        this.db = db;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (!db.exists(Sql.of("select 1 from case_record where search_main = ''"))) {
            return; // the usual start: nothing to fill, and no query for the entity manager to compile
        }
        List<CaseEntity> missing = em.createQuery("from CaseEntity where searchMain = ''", CaseEntity.class)
                .getResultList();
        missing.forEach(SearchText::index);
        if (!missing.isEmpty()) {
            LOG.infof("Indexed %d records for full-text search.", missing.size());
        }
    }
}
