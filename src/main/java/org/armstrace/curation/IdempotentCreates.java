package org.armstrace.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
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

    /** A key used before: the hash of the body it came with and the record it created. */
    private record Used(String requestHash, String publicId) {}

    private final Jdbc db;
    private final CurationService curation;
    private final RevisionLog revisions;
    private final ObjectMapper json;

    public IdempotentCreates(Jdbc db, CurationService curation, RevisionLog revisions, ObjectMapper json) {
        this.db = db;
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
        db.run(Sql.of("select pg_advisory_xact_lock(hashtextextended(?, ?))", key, caller.tokenId()));
        Optional<Used> previous = db.first(
                Sql.of(
                        "select request_hash, public_id from idempotency_key where token_id = ? and key = ?",
                        caller.tokenId(),
                        key),
                row -> new Used(row.getString("request_hash"), row.getString("public_id")));
        if (previous.isPresent()) {
            if (!hash.equals(previous.get().requestHash())) {
                throw new ApiProblem(
                        ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used before with a different body.",
                        List.of(ApiProblem.error(
                                "Idempotency-Key",
                                ProblemError.InEnum.HEADER,
                                "same_body",
                                "was used before with a different body")));
            }
            return new Created(revisions.snapshot(previous.get().publicId(), 1), true);
        }
        CaseRecord record = curation.createDraft(input, caller);
        db.update(Sql.of(
                "insert into idempotency_key (token_id, key, request_hash, public_id) values (?, ?, ?, ?)",
                caller.tokenId(),
                key,
                hash,
                record.getId()));
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
