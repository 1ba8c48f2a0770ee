package org.armstrace.cases;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Fills the search text of records stored before search existed (a database upgraded from an older
 * version). It changes no content, so it writes no revision.
 */
@ApplicationScoped
public class SearchBackfill {

    private static final Logger LOG = Logger.getLogger(SearchBackfill.class);

    private final EntityManager em;

    public SearchBackfill(EntityManager em) {
        this.em = em;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        List<CaseEntity> missing = em.createQuery("from CaseEntity where searchMain = ''", CaseEntity.class)
                .getResultList();
        missing.forEach(SearchText::index);
        if (!missing.isEmpty()) {
            LOG.infof("Indexed %d records for full-text search.", missing.size());
        }
    }
}
