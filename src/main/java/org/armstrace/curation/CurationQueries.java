package org.armstrace.curation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.TreeSet;
import org.armstrace.api.model.CaseList;
import org.armstrace.cases.CaseCursor;
import org.armstrace.cases.CaseEntity;
import org.armstrace.cases.CaseMapper;
import org.armstrace.cases.CaseSort;
import org.armstrace.cases.CaseStatus;
import org.armstrace.common.http.QueryValues;

/** Curators' view of the records: every status, by id, keyset-paginated. */
@ApplicationScoped
public class CurationQueries {

    private final EntityManager em;

    public CurationQueries(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CaseList list(List<String> statuses, int limit, String cursor) {
        TreeSet<String> wanted = new TreeSet<>(QueryValues.split(statuses));
        if (wanted.isEmpty()) {
            wanted.addAll(List.of(CaseStatus.DRAFT, CaseStatus.PUBLISHED, CaseStatus.RETRACTED));
        }
        String after =
                cursor == null ? "" : CaseCursor.decode(cursor, CaseSort.ID_ASC).id();
        List<CaseEntity> rows = em.createQuery(
                        "from CaseEntity where status in :statuses and publicId > :after order by publicId",
                        CaseEntity.class)
                .setParameter("statuses", wanted)
                .setParameter("after", after)
                .setMaxResults(limit + 1)
                .getResultList();
        boolean more = rows.size() > limit;
        List<CaseEntity> page = more ? rows.subList(0, limit) : rows;
        String next = more ? new CaseCursor(CaseSort.ID_ASC, null, page.get(page.size() - 1).publicId).encode() : null;
        String statusQuery = wanted.stream().map(s -> "status=" + s + "&").reduce("", String::concat);
        return new CaseList()
                .items(page.stream().map(CaseMapper::toApi).toList())
                .nextCursor(next)
                .next(next == null ? null : "/v1/curation/cases?" + statusQuery + "limit=" + limit + "&cursor=" + next)
                .totalCount(null);
    }
}
