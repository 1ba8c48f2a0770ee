package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Reads the public view of the dataset: published records only. */
@ApplicationScoped
public class CaseService {

    private final EntityManager em;

    public CaseService(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CasePage list(CaseFilter filter, CaseSort sort, String cursor, int limit, boolean count) {
        CaseCursor after = cursor == null ? null : CaseCursor.decode(cursor, sort);
        CaseQuery query = new CaseQuery(filter);
        List<CaseEntity> rows = query.page(em, sort, after, limit + 1);
        boolean more = rows.size() > limit;
        List<CaseEntity> page = more ? rows.subList(0, limit) : rows;
        String next = more ? CaseCursor.after(sort, page.get(page.size() - 1)).encode() : null;
        return new CasePage(page.stream().map(CaseMapper::toApi).toList(), next, count ? query.count(em) : null);
    }

    /** What the public sees at a record's URL; empty for drafts and unknown ids alike (never 403). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PublicView> publicView(String publicId) {
        return em.createQuery("from CaseEntity c where c.publicId = :id and c.status <> 'draft'", CaseEntity.class)
                .setParameter("id", publicId)
                .getResultStream()
                .findFirst()
                .map(e -> switch (e.status) {
                    case "published" -> new PublicView.Found(CaseMapper.toApi(e));
                    default -> e.merged ? new PublicView.Merged(e.replacedBy)
                            : new PublicView.Retracted(e.retractionReason, e.retractedAt, e.replacedBy);
                });
    }
}
