package org.armstrace.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.api.model.Revision;
import org.armstrace.cases.CaseEntity;
import org.armstrace.cases.CaseMapper;
import org.armstrace.cases.CaseSnapshots;

/**
 * The append-only log of every change to every record: written in the same transaction as the change,
 * with a full snapshot of the record after it. The database refuses updates and deletes of its rows.
 */
@ApplicationScoped
public class RevisionLog {

    /** What a revision did. */
    public enum Action {
        CREATE, UPDATE, PUBLISH, RETRACT, MERGE, IMPORT;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The advisory lock that orders revision writers (see {@link #append}). */
    private static final long ORDER_LOCK = 0x52455653L; // "REVS"

    private final EntityManager em;
    private final ObjectMapper json;

    public RevisionLog(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Appends a revision of the entity as it is after the change (flushed first, so its version is final).
     * Writers take turns on a transaction lock before their first revision, so sequences are assigned in
     * commit order: a reader of the feed never sees a sequence before a smaller one has committed.
     */
    public void append(CaseEntity entity, Action action, Long tokenId, String note) {
        em.flush();
        holdOrder();
        em.createNativeQuery("""
                insert into revision (case_id, public_id, version, action, is_public, token_id, snapshot, note)
                values (:caseId, :publicId, :version, :action, :isPublic, :tokenId, cast(:snapshot as jsonb), :note)""")
                .setParameter("caseId", entity.id)
                .setParameter("publicId", entity.publicId)
                .setParameter("version", entity.version)
                .setParameter("action", action.code())
                .setParameter("isPublic", !"draft".equals(entity.status))
                .setParameter("tokenId", tokenId)
                .setParameter("snapshot", write(CaseMapper.toApi(entity)))
                .setParameter("note", note)
                .executeUpdate();
    }

    /**
     * Waits for the revision writers' turn and keeps it until the transaction ends: no revision commits
     * meanwhile, so the transaction sees a log that does not grow under it (a release cut needs that).
     */
    public void holdOrder() {
        em.createNativeQuery("select pg_advisory_xact_lock(" + ORDER_LOCK + ")").getSingleResult();
    }

    /** The public revisions of a record (those made while it was published or retracted), oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Revision> publicHistory(String publicId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select sequence, public_id, version, action, at, note, cast(snapshot as text)
                from revision where public_id = :id and is_public order by sequence""")
                .setParameter("id", publicId)
                .getResultList();
        return rows.stream().map(this::toRevision).toList();
    }

    /** The snapshot of one version of a record, if it was logged. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CaseRecord snapshot(String publicId, int version) {
        Object text = em.createNativeQuery("select cast(snapshot as text) from revision where public_id = :id and version = :v")
                .setParameter("id", publicId).setParameter("v", version).getSingleResult();
        return CaseSnapshots.read(json, (String) text);
    }

    private Revision toRevision(Object[] row) {
        return new Revision()
                .sequence(((Number) row[0]).longValue())
                .id((String) row[1])
                .version(((Number) row[2]).intValue())
                .action(Revision.ActionEnum.fromValue((String) row[3]))
                .at(instant(row[4]).atOffset(ZoneOffset.UTC))
                .note((String) row[5])
                .snapshot(CaseSnapshots.read(json, (String) row[6]));
    }

    /** A timestamp column's value, as JDBC drivers hand it over, as an instant. */
    public static java.time.Instant instant(Object value) {
        return switch (value) {
            case java.time.Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    private String write(CaseRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

}
