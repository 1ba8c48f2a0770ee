package org.armstrace.revisions;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.api.model.Change;
import org.armstrace.api.model.Revision;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;

/**
 * The append-only log of every change to every record: written in the same transaction as the change,
 * with the record's public JSON after it. The database refuses updates and deletes of its rows. This
 * class is the only one that reads or writes the {@code revision} table.
 */
@ApplicationScoped
public class RevisionLog {

    /** What a revision did. */
    public enum Action {
        CREATE,
        UPDATE,
        PUBLISH,
        RETRACT,
        MERGE,
        IMPORT;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One change of one record: its row id, public id and version after the change, and the rendition of
     * its public forms then (its JSON is the revision's snapshot).
     */
    public record Entry(
            long caseId,
            String publicId,
            int version,
            boolean isPublic,
            Action action,
            Long tokenId,
            long renditionId,
            String note) {}

    /** A revision's snapshot: its own text (revisions logged before schema V13) or its rendition's document. */
    private static final String SNAPSHOT = "coalesce(v.snapshot, d.document) as snapshot";

    private static final String WITH_RENDITION = "revision v left join rendition d on d.id = v.rendition_id";

    /** The advisory lock that orders revision writers (see {@link #append}). */
    private static final long ORDER_LOCK = 0x52455653L; // "REVS"

    private final EntityManager em;
    private final ObjectMapper json;
    private final LastRevision last;

    private final DataSource dataSource;
    private final Jdbc db;

    public RevisionLog(EntityManager em, ObjectMapper json, LastRevision last, DataSource dataSource, Jdbc db) {
        this.em = em;
        this.db = db;
        this.dataSource = dataSource;
        this.json = json;
        this.last = last;
    }

    /**
     * Appends a revision (pending entity changes are flushed first, so the record's row exists). Writers
     * take turns on a transaction lock before their first revision, so sequences are assigned in commit
     * order: a reader of the feed never sees a sequence before a smaller one has committed. Once the
     * transaction commits, this instance knows the new sequence at once (others through NOTIFY).
     */
    public long append(Entry entry) {
        em.flush();
        holdOrder();
        long sequence = ((Number) em.createNativeQuery("""
                insert into revision (case_id, public_id, version, action, is_public, token_id, rendition_id, note)
                values (:caseId, :publicId, :version, :action, :isPublic, :tokenId, :rendition, :note)
                returning sequence""")
                        .setParameter("caseId", entry.caseId())
                        .setParameter("publicId", entry.publicId())
                        .setParameter("version", entry.version())
                        .setParameter("action", entry.action().code())
                        .setParameter("isPublic", entry.isPublic())
                        .setParameter("tokenId", entry.tokenId())
                        .setParameter("rendition", entry.renditionId())
                        .setParameter("note", entry.note())
                        .getSingleResult())
                .longValue();
        last.afterCommit(sequence);
        return sequence;
    }

    /**
     * Appends one revision to each of the given records, written earlier in the caller's transaction, in
     * the order of their row ids, naming the record's rendition: one set-based
     * statement (a bulk import's). It takes the writers' turn as {@link #append} does, so the turn is held
     * only from here to the commit, not while the records were read, checked and written.
     */
    public void appendEach(List<Long> caseIds, Action action, boolean isPublic, Long tokenId, String note) {
        if (caseIds.isEmpty()) {
            return;
        }
        em.flush();
        holdOrder();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                with added as (
                    insert into revision (case_id, public_id, version, action, is_public, token_id, rendition_id, note)
                    select c.id, c.public_id, c.version, ?, ?, ?, c.rendition_id, ?
                    from case_record c where c.id = any(?) order by c.id
                    returning sequence)
                select count(*), max(sequence) from added""")) {
            s.setString(1, action.code());
            s.setBoolean(2, isPublic);
            if (tokenId == null) {
                s.setNull(3, Types.BIGINT);
            } else {
                s.setLong(3, tokenId);
            }
            s.setString(4, note);
            s.setArray(5, c.createArrayOf("bigint", caseIds.toArray()));
            try (ResultSet added = s.executeQuery()) {
                added.next();
                if (added.getLong(1) != caseIds.size()) {
                    throw new IllegalStateException(
                            "Revisions for " + caseIds.size() + " records expected, " + added.getLong(1) + " written");
                }
                last.afterCommit(added.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Revisions could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the revision writers' turn and keeps it until the transaction ends: no revision commits
     * meanwhile, so the transaction sees a log that does not grow under it (a release cut needs that).
     */
    public void holdOrder() {
        em.createNativeQuery("select pg_advisory_xact_lock(" + ORDER_LOCK + ")").getSingleResult();
    }

    /** The sequence of the last committed revision, read from the database (0 for an empty log). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long lastSequence() {
        return ((Number) em.createNativeQuery("select coalesce(max(sequence), 0) from revision")
                        .getSingleResult())
                .longValue();
    }

    /** The public revisions of a record (those made while it was published or retracted), oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Revision> publicHistory(String publicId) {
        return db.list(
                Sql.of(
                        "select v.sequence, v.public_id, v.version, v.action, v.at, v.note, " + SNAPSHOT + " from "
                                + WITH_RENDITION + " where v.public_id = ? and v.is_public order by v.sequence",
                        publicId),
                row -> new Revision()
                        .sequence(row.getLong("sequence"))
                        .id(row.getString("public_id"))
                        .version(row.getInt("version"))
                        .action(Revision.ActionEnum.fromValue(row.getString("action")))
                        .at(Jdbc.timestamp(row, "at"))
                        .note(row.getString("note"))
                        .snapshot(CaseSnapshots.read(json, row.getString("snapshot"))));
    }

    /** The snapshot of one version of a record, if it was logged. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CaseRecord snapshot(String publicId, int version) {
        String text = db.list(
                        Sql.of(
                                "select " + SNAPSHOT + " from " + WITH_RENDITION
                                        + " where v.public_id = ? and v.version = ?",
                                publicId,
                                version),
                        row -> row.getString("snapshot"))
                .get(0);
        return CaseSnapshots.read(json, text);
    }

    /** Public changes with a sequence above {@code since}, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Change> publicChangesAfter(long since, int limit) {
        return changes(Sql.of("where is_public and sequence > ? order by sequence limit ?", since, limit));
    }

    /** The latest public changes, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Change> latestPublicChanges(int limit) {
        return changes(Sql.of("where is_public and sequence > ? order by sequence desc limit ?", 0L, limit));
    }

    /** The time of the last public change, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OffsetDateTime> lastPublicChangeAt() {
        return Optional.ofNullable(
                db.list(Sql.of("select max(at) as at from revision where is_public"), row -> Jdbc.timestamp(row, "at"))
                        .get(0));
    }

    /** How many revisions a curator's token wrote (none: every record is as shipped releases left it). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long curatorRevisions() {
        return ((Number) em.createNativeQuery("select count(*) from revision where token_id is not null")
                        .getSingleResult())
                .longValue();
    }

    /** Whether a curator's token ever wrote a revision of this record. */
    public boolean changedByCurators(long caseId) {
        return !em.createNativeQuery("select 1 from revision where case_id = :id and token_id is not null")
                .setParameter("id", caseId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** How many public changes other than imports the log holds. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long publicChangesOtherThanImports() {
        return ((Number) em.createNativeQuery("select count(*) from revision where is_public and action <> 'import'")
                        .getSingleResult())
                .longValue();
    }

    private List<Change> changes(Sql where) {
        return db.list(
                Sql.of("select sequence, public_id, version, action, at, note from revision ")
                        .append(where),
                row -> new Change()
                        .sequence(row.getLong("sequence"))
                        .id(row.getString("public_id"))
                        .version(row.getInt("version"))
                        .action(Change.ActionEnum.fromValue(row.getString("action")))
                        .at(Jdbc.timestamp(row, "at"))
                        .note(row.getString("note")));
    }
}
