package org.armstrace.revisions;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.armstrace.common.http.DatasetState;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The sequence of the last committed revision and the id of the last release, kept in memory so that
 * tagging and remembering live answers costs no query. This instance learns of its own commits at once (after commit, before the
 * writer's answer leaves) and of other instances' commits through PostgreSQL {@code LISTEN
 * armstrace_revision} (triggers notify on every insert into the log or the releases, delivered at
 * commit). While
 * the listening connection is down, every call reads the database, so no answer is ever tagged or
 * remembered with a stale sequence.
 */
@ApplicationScoped
public class LastRevision implements DatasetState {

    private static final Logger LOG = Logger.getLogger(LastRevision.class);
    static final String CHANNEL = "armstrace_revision";
    private static final String MAX = "select coalesce((select max(sequence) from revision), 0) as sequence,"
            + " coalesce((select max(id) from release), 0) as release";

    private final AtomicLong known = new AtomicLong(-1);
    private final AtomicLong release = new AtomicLong(-1);
    private volatile boolean listening;
    private volatile boolean stopped;
    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    public LastRevision(
            DataSource dataSource,
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        Thread.ofPlatform().daemon().name("armstrace-revision-listener").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    @Override
    public String state() {
        if (!listening) {
            refresh();
        }
        return known.get() + "." + release.get();
    }

    /**
     * Whether a copy of the database that has replayed up to this revision sequence and release id (a
     * streaming replica) holds everything this instance knows to be committed.
     */
    boolean replayedBy(long sequence, long releaseId) {
        state(); // reads the log when not listening
        return sequence >= known.get() && releaseId >= release.get();
    }

    /** The query that tells how far a database (this one, or a replica of it) has come. */
    static String lastCommitted() {
        return MAX;
    }

    /** Learns of a revision once the current transaction commits. */
    void afterCommit(long sequence) {
        afterCommit(known, sequence);
    }

    /** Learns of a release once the current transaction (the cut) commits. */
    public void releaseAfterCommit(long releaseId) {
        afterCommit(release, releaseId);
    }

    private void afterCommit(AtomicLong target, long value) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    target.accumulateAndGet(value, Math::max);
                }
            }
        });
    }

    private void refresh() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            read(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("The revision log cannot be read: " + e.getMessage(), e);
        }
    }

    private void listen() {
        boolean lost = false;
        while (!stopped) {
            try (Connection connection = DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                read(statement);
                listening = true;
                if (lost) {
                    LOG.info("Listening for revisions again.");
                    lost = false;
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!stopped) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        read(statement);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopped && !lost) {
                    // once per outage: the attempts go on every second, quietly
                    LOG.warnf(
                            "Not listening for revisions (%s); reading the log on every request until back.",
                            e.getMessage());
                    lost = true;
                }
            } finally {
                listening = false;
            }
            pause();
        }
    }

    private void read(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(MAX)) {
            row.next();
            known.accumulateAndGet(row.getLong("sequence"), Math::max);
            release.accumulateAndGet(row.getLong("release"), Math::max);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
