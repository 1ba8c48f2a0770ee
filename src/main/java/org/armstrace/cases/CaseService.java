package org.armstrace.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;

/** Reads the public view of the dataset: published records only. */
@ApplicationScoped
public class CaseService {

    private final EntityManager em;
    private final ObjectMapper json;

    public CaseService(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** The records a {@code release=} parameter names: the live ones without it; 404 for an unknown release. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CaseScope scope(String release) {
        if (release == null) {
            return CaseScope.LIVE;
        }
        @SuppressWarnings("unchecked")
        java.util.stream.Stream<Object> ids = em.createNativeQuery("select id from release where version = :v")
                .setParameter("v", release).getResultStream();
        return ids.findFirst()
                .map(id -> CaseScope.release(((Number) id).longValue()))
                .orElseThrow(() -> ApiProblem.unknownRelease("release", ProblemError.InEnum.QUERY, release));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CasePage list(CaseFilter filter, CaseSort sort, String cursor, int limit, boolean count) {
        requireSortable(filter, sort);
        CaseCursor after = cursor == null ? null : CaseCursor.decode(cursor, sort);
        CaseQuery query = new CaseQuery(filter);
        List<CaseQuery.Keyed> rows = query.page(em, sort, after, limit + 1);
        boolean more = rows.size() > limit;
        List<CaseQuery.Keyed> page = more ? rows.subList(0, limit) : rows;
        List<String> ids = page.stream().map(CaseQuery.Keyed::id).toList();
        String next = null;
        if (more) {
            CaseQuery.Keyed last = page.get(page.size() - 1);
            next = new CaseCursor(sort, last.key(), last.id()).encode();
        }
        return new CasePage(filter.scope().isRelease() ? loadFrozen(filter.scope(), ids) : load(ids), next, count ? query.count(em) : null,
                filter.query() == null ? null : query.snippets(em, ids));
    }

    /** Relevance needs a search to be relevant to. */
    public static void requireSortable(CaseFilter filter, CaseSort sort) {
        if (sort == CaseSort.RELEVANCE && filter.query() == null) {
            throw ApiProblem.invalidParameters(List.of(ApiProblem.queryError("sort", "needs_query",
                    "relevance needs a search: give q")));
        }
    }

    /** The records of these ids, in this order. */
    private List<CaseRecord> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, CaseEntity> byId = em.createQuery("from CaseEntity where publicId in :ids", CaseEntity.class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(e -> e.publicId, Function.identity()));
        return ids.stream().map(byId::get).map(CaseMapper::toApi).toList();
    }

    /** One record as a release froze it; empty if the release does not hold it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CaseRecord> frozen(CaseScope scope, String publicId) {
        @SuppressWarnings("unchecked")
        java.util.stream.Stream<Object> snapshots = em.createNativeQuery(
                "select cast(snapshot as text) from release_case where release_id = :r and public_id = :id")
                .setParameter("r", scope.releaseId()).setParameter("id", publicId).getResultStream();
        return snapshots.findFirst().map(text -> CaseSnapshots.read(json, (String) text));
    }

    /** The records of these ids as a release froze them, in this order. */
    private List<CaseRecord> loadFrozen(CaseScope scope, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, String> byId = ((List<Object[]>) em.createNativeQuery(
                "select public_id, cast(snapshot as text) from release_case where release_id = :r and public_id in (:ids)")
                .setParameter("r", scope.releaseId()).setParameter("ids", ids).getResultList()).stream()
                .collect(Collectors.toMap(r -> (String) r[0], r -> (String) r[1]));
        return ids.stream().map(id -> CaseSnapshots.read(json, byId.get(id))).toList();
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
