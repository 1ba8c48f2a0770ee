package org.armstrace.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.util.List;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;
import org.armstrace.revisions.RevisionLog;

/**
 * Creates honouring {@code Idempotency-Key}: per token, a key first used with a body answers that
 * body's record again (as first created); the same key with another body is refused (422). Retries
 * racing each other take turns on an advisory lock of the key.
 */
@ApplicationScoped
public class IdempotentCreates {

    /** The record created (or created before, for a replay). */
    public record Created(CaseRecord record, boolean replayed) {}

    private final EntityManager em;
    private final CurationService curation;
    private final RevisionLog revisions;
    private final ObjectMapper json;

    public IdempotentCreates(EntityManager em, CurationService curation, RevisionLog revisions, ObjectMapper json) {
        this.em = em;
        this.curation = curation;
        this.revisions = revisions;
        this.json = json;
    }

    @Transactional
    public Created create(CaseInput input, String key, Caller caller) {
        if (key == null) {
            return new Created(curation.createDraft(input, caller), false);
        }
        String hash = TokenService.sha256(canonical(input));
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:k, :t))")
                .setParameter("k", key)
                .setParameter("t", caller.tokenId())
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> previous = em.createNativeQuery(
                        "select request_hash, public_id from idempotency_key where token_id = :t and key = :k")
                .setParameter("t", caller.tokenId())
                .setParameter("k", key)
                .getResultList();
        if (!previous.isEmpty()) {
            if (!hash.equals(previous.get(0)[0])) {
                throw new ApiProblem(
                        ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used before with a different body.",
                        List.of(ApiProblem.error(
                                "Idempotency-Key",
                                ProblemError.InEnum.HEADER,
                                "same_body",
                                "was used before with a different body")));
            }
            return new Created(revisions.snapshot((String) previous.get(0)[1], 1), true);
        }
        CaseRecord record = curation.createDraft(input, caller);
        em.createNativeQuery(
                        "insert into idempotency_key (token_id, key, request_hash, public_id) values (:t, :k, :h, :id)")
                .setParameter("t", caller.tokenId())
                .setParameter("k", key)
                .setParameter("h", hash)
                .setParameter("id", record.getId())
                .executeUpdate();
        return new Created(record, false);
    }

    private String canonical(CaseInput input) {
        try {
            return json.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
