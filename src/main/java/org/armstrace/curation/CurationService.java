package org.armstrace.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.Retraction;
import org.armstrace.api.model.Role;
import org.armstrace.cases.CaseDocuments;
import org.armstrace.cases.CaseEntity;
import org.armstrace.cases.CaseMapper;
import org.armstrace.cases.CaseStatus;
import org.armstrace.cases.CaseValidator;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;
import org.armstrace.common.http.RecordETags;
import org.armstrace.revisions.RevisionLog;

/**
 * Every write to case records: each runs the dataset's validation rules, checks the record's status
 * and version, and appends a revision in the same transaction. Rows are locked while they change, so
 * concurrent writers with the same If-Match serialise: one wins, the others get 412.
 */
@ApplicationScoped
public class CurationService {

    private final EntityManager em;
    private final CaseValidator validator;
    private final RevisionLog revisions;
    private final ObjectMapper json;
    private final CaseInputReader reader;
    private final CaseDocuments documents;

    public CurationService(
            EntityManager em,
            CaseValidator validator,
            RevisionLog revisions,
            ObjectMapper json,
            CaseInputReader reader,
            CaseDocuments documents) {
        this.em = em;
        this.documents = documents;
        this.reader = reader;
        this.validator = validator;
        this.revisions = revisions;
        this.json = json;
    }

    /** Creates a draft; validation first, then a new id from the sequence. */
    @Transactional
    public CaseRecord createDraft(CaseInput input, Caller caller) {
        return CaseMapper.toApi(insert(input, CaseStatus.DRAFT, caller, RevisionLog.Action.CREATE, null));
    }

    /** Inserts a validated record with a new id; used by single creates and imports. */
    CaseEntity insert(CaseInput input, String status, Caller caller, RevisionLog.Action action, String note) {
        requireValid(input, null);
        CaseEntity entity = new CaseEntity();
        long next = ((Number) em.createNativeQuery("select nextval('case_public_id_seq')")
                        .getSingleResult())
                .longValue();
        entity.publicId = CaseEntity.publicIdOf(next);
        entity.status = status;
        entity.createdAt = now();
        entity.updatedAt = entity.createdAt;
        CaseMapper.copyContent(input, entity);
        long rendition = documents.keep(entity);
        em.persist(entity);
        revisions.append(entry(entity, rendition, action, caller, note));
        return entity;
    }

    @Transactional
    public CaseRecord replace(String id, String ifMatch, CaseInput input, String note, Caller caller) {
        CaseEntity entity = lockForEdit(id, ifMatch, caller);
        requireValid(input, entity.publicId);
        return update(entity, input, note, caller);
    }

    /** Applies a JSON Merge Patch (RFC 7396) to the record's content; the result must pass every rule. */
    @Transactional
    public CaseRecord patch(String id, String ifMatch, JsonNode patch, String note, Caller caller) {
        CaseEntity entity = lockForEdit(id, ifMatch, caller);
        ObjectNode content = json.valueToTree(CaseMapper.toApi(entity));
        for (String serverField : List.of("id", "status", "version", "created_at", "updated_at")) {
            content.remove(serverField);
        }
        CaseInputReader.Result merged = reader.read(MergePatch.apply(content, patch), this::exists);
        if (!merged.errors().isEmpty()) {
            throw new ApiProblem(ProblemType.INVALID_BODY, "The patched record breaks the contract.", merged.errors());
        }
        CaseInput input = merged.input();
        requireValid(input, entity.publicId);
        return update(entity, input, note, caller);
    }

    @Transactional
    public CaseRecord publish(String id, String ifMatch, String note, Caller caller) {
        CaseEntity entity = lock(id);
        RecordETags.requireCurrent(ifMatch, entity.version);
        requireStatus(entity, CaseStatus.DRAFT, "Only drafts can be published");
        entity.status = CaseStatus.PUBLISHED;
        touch(entity);
        log(entity, RevisionLog.Action.PUBLISH, caller, note);
        return CaseMapper.toApi(entity);
    }

    @Transactional
    public CaseRecord retract(String id, String ifMatch, Retraction retraction, Caller caller) {
        CaseEntity entity = lock(id);
        RecordETags.requireCurrent(ifMatch, entity.version);
        requireStatus(entity, CaseStatus.PUBLISHED, "Only published records can be retracted");
        String replacement = retraction.getReplacedBy();
        boolean merge = Boolean.TRUE.equals(retraction.getMerge());
        if (merge && replacement == null) {
            throw invalid("merge", "needs_replacement", "a merge needs replaced_by");
        }
        if (replacement != null && (replacement.equals(entity.publicId) || !isPublished(replacement))) {
            throw invalid("replaced_by", "published_record", "must be another published record");
        }
        entity.status = CaseStatus.RETRACTED;
        entity.retractionReason = retraction.getReason();
        touch(entity);
        entity.retractedAt = entity.updatedAt;
        entity.replacedBy = replacement;
        entity.merged = merge;
        log(entity, merge ? RevisionLog.Action.MERGE : RevisionLog.Action.RETRACT, caller, retraction.getReason());
        return CaseMapper.toApi(entity);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CaseEntity find(String id) {
        return em.createQuery("from CaseEntity where publicId = :id", CaseEntity.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "No case record has this id."));
    }

    private CaseRecord update(CaseEntity entity, CaseInput input, String note, Caller caller) {
        CaseMapper.copyContent(input, entity);
        touch(entity);
        log(entity, RevisionLog.Action.UPDATE, caller, note);
        return CaseMapper.toApi(entity);
    }

    /** Renders the record's public forms as it is now and logs the change with them. */
    private void log(CaseEntity entity, RevisionLog.Action action, Caller caller, String note) {
        revisions.append(entry(entity, documents.keep(entity), action, caller, note));
    }

    private static RevisionLog.Entry entry(
            CaseEntity entity, long rendition, RevisionLog.Action action, Caller caller, String note) {
        return new RevisionLog.Entry(
                entity.id,
                entity.publicId,
                entity.version,
                !CaseStatus.DRAFT.equals(entity.status),
                action,
                caller.tokenId(),
                rendition,
                note);
    }

    /** Every change makes a new version. */
    private static void touch(CaseEntity entity) {
        entity.version++;
        entity.updatedAt = now();
    }

    /**
     * The time of a change, to the microsecond that PostgreSQL keeps: the revision's snapshot then says
     * exactly what the record says when it is read back.
     */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Locks the record for a content change: curators edit drafts, editors also published records. */
    private CaseEntity lockForEdit(String id, String ifMatch, Caller caller) {
        CaseEntity entity = lock(id);
        RecordETags.requireCurrent(ifMatch, entity.version);
        if (CaseStatus.RETRACTED.equals(entity.status)) {
            throw new ApiProblem(ProblemType.CONFLICT, "A retracted record cannot be changed; create a new one.");
        }
        if (CaseStatus.PUBLISHED.equals(entity.status) && !caller.hasAtLeast(Role.EDITOR)) {
            throw new ApiProblem(
                    ProblemType.FORBIDDEN,
                    "Correcting a published record needs the editor role; this token is a " + caller.role() + "'s.");
        }
        return entity;
    }

    private CaseEntity lock(String id) {
        return em.createQuery("from CaseEntity where publicId = :id", CaseEntity.class)
                .setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "No case record has this id."));
    }

    private void requireValid(CaseInput input, String selfId) {
        List<ProblemError> errors = validator.check(input, selfId, this::exists);
        if (!errors.isEmpty()) {
            throw new ApiProblem(
                    ProblemType.INVALID_BODY,
                    errors.size() == 1 ? "1 field breaks the rules." : errors.size() + " fields break the rules.",
                    errors);
        }
    }

    private static void requireStatus(CaseEntity entity, String status, String rule) {
        if (!status.equals(entity.status)) {
            throw new ApiProblem(ProblemType.CONFLICT, rule + "; " + entity.publicId + " is " + entity.status + ".");
        }
    }

    boolean exists(String publicId) {
        return !em.createNativeQuery("select 1 from case_record where public_id = :id")
                .setParameter("id", publicId)
                .getResultList()
                .isEmpty();
    }

    private boolean isPublished(String publicId) {
        return !em.createNativeQuery("select 1 from case_record where public_id = :id and status = 'published'")
                .setParameter("id", publicId)
                .getResultList()
                .isEmpty();
    }

    private static ApiProblem invalid(String field, String rule, String detail) {
        return new ApiProblem(
                ProblemType.INVALID_BODY,
                field + " " + detail + ".",
                List.of(ApiProblem.error(field, ProblemError.InEnum.BODY, rule, detail)));
    }
}
