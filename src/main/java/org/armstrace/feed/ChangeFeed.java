package org.armstrace.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.util.List;
import org.armstrace.api.model.Change;
import org.armstrace.curation.RevisionLog;

/** The public changes of the dataset, read from the revision log in sequence order. */
@ApplicationScoped
public class ChangeFeed {

    private final EntityManager em;

    public ChangeFeed(EntityManager em) {
        this.em = em;
    }

    /** Public changes with a sequence above {@code since}, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Change> after(long since, int limit) {
        return read("where is_public and sequence > :since order by sequence limit :limit", since, limit);
    }

    /** The latest public changes, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Change> latest(int limit) {
        return read("where is_public and sequence > :since order by sequence desc limit :limit", 0, limit);
    }

    @SuppressWarnings("unchecked")
    private List<Change> read(String where, long since, int limit) {
        List<Object[]> rows = em.createNativeQuery("select sequence, public_id, version, action, at, note from revision " + where)
                .setParameter("since", since).setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new Change()
                .sequence(((Number) r[0]).longValue())
                .id((String) r[1])
                .version(((Number) r[2]).intValue())
                .action(Change.ActionEnum.fromValue((String) r[3]))
                .at(RevisionLog.instant(r[4]).atOffset(ZoneOffset.UTC))
                .note((String) r[5]))
                .toList();
    }
}
