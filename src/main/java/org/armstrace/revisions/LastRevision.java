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
 * The sequence of the last committed revision, kept in memory so that tagging and remembering live
 * answers costs no query. This instance learns of its own commits at once (after commit, before the
 * writer's answer leaves) and of other instances' commits through PostgreSQL {@code LISTEN
 * armstrace_revision} (a trigger notifies on every insert into the log, delivered at commit). While
 * the listening connection is down, every call reads the database, so no answer is ever tagged or
 * remembered with a stale sequence.
 */
@ApplicationScoped
public class LastRevision implements DatasetState {

    private static final Logger LOG = Logger.getLogger(LastRevision.class);
    static final String CHANNEL = "armstrace_revision";
    private static final String MAX = "select coalesce(max(sequence), 0) from revision";

    private final AtomicLong known = new AtomicLong(-1);
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
    public long lastSequence() {
        return listening ? known.get() : refresh();
    }

    /** Whether the database tells this instance of every commit (else each read asks it). */
    public boolean isListening() {
        return listening;
    }

    /** Learns of a revision once the current transaction commits. */
    void afterCommit(long sequence) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    known.accumulateAndGet(sequence, Math::max);
                }
            }
        });
    }

    private long refresh() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(MAX)) {
            row.next();
            return known.accumulateAndGet(row.getLong(1), Math::max);
        } catch (SQLException e) {
            throw new IllegalStateException("The revision log cannot be read: " + e.getMessage(), e);
        }
    }

    private void listen() {
        while (!stopped) {
            try (Connection connection = DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                read(statement);
                listening = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!stopped) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        read(statement);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopped) {
                    LOG.warnf(
                            "Not listening for revisions (%s); reading the log on every request until back.",
                            e.getMessage());
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
            known.accumulateAndGet(row.getLong(1), Math::max);
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
