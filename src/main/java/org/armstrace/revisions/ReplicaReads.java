package org.armstrace.revisions;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.jboss.logging.Logger;

/**
 * Where public reads (lists, search, facets, statistics, exports) run: on the read replica when one is
 * configured (the named datasource {@code replica}, active once its URL is set) and it has replayed every
 * revision and release this instance knows to be committed; otherwise, and whenever the replica cannot be
 * reached, on the primary. So a replica that lags or is down costs freshness nothing and never makes a
 * read wait: its pool gives up within its acquisition timeout, and then it is left alone for a pause.
 * Curation, the revision log, releases and conditional-write checks never come here: they use the primary.
 */
@ApplicationScoped
public class ReplicaReads {

    private static final Logger LOG = Logger.getLogger(ReplicaReads.class);
    /** How long a replica that failed is left alone before it is tried again. */
    private static final long PAUSE_NANOS = 10_000_000_000L;

    private final Jdbc primary;
    private final Jdbc replica;
    private final LastRevision last;
    private volatile long downUntil = System.nanoTime();

    public ReplicaReads(
            Jdbc primary, LastRevision last, @DataSource("replica") InjectableInstance<AgroalDataSource> replica) {
        this.primary = primary;
        this.last = last;
        this.replica = replica.getHandle().getBean().isActive() ? new Jdbc(replica.get()) : null;
        if (this.replica != null) {
            LOG.info("Public reads go to the read replica while it keeps up with the primary.");
        }
    }

    /** Runs a public read on the replica if it is up and caught up, else on the primary. */
    public <T> T read(Function<Jdbc, T> work) {
        if (replica == null || System.nanoTime() - downUntil < 0) {
            return work.apply(primary);
        }
        try {
            long[] replayed = replica.list(Sql.of(LastRevision.lastCommitted()), row ->
                            new long[] {row.getLong("sequence"), row.getLong("release")})
                    .getFirst();
            if (!last.replayedBy(replayed[0], replayed[1])) {
                return work.apply(primary); // lagging: the primary has what this instance already announced
            }
            return work.apply(replica);
        } catch (Jdbc.DatabaseException unreachable) {
            downUntil = System.nanoTime() + PAUSE_NANOS;
            LOG.warnf("The read replica failed (%s); reading from the primary for a while.", unreachable.getMessage());
            return work.apply(primary);
        }
    }
}
