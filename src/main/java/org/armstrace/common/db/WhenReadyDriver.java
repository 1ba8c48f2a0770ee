package org.armstrace.common.db;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * The service's JDBC driver (quarkus.datasource.jdbc.driver): PostgreSQL's, except that a connection waits
 * until the embedded server has started. The service starts that server on another thread while Quarkus
 * starts (see Main). {@link Migrations} waits for it first, before anything else at start; this makes sure
 * that nothing connects before that. On an external database there is nothing to wait for.
 */
public final class WhenReadyDriver implements Driver {

    private static volatile CompletableFuture<?> ready = CompletableFuture.completedFuture(null);

    private final Driver postgres = new org.postgresql.Driver();

    /** Connections wait for {@code server} to complete; if it fails, they fail with its reason. */
    public static void waitFor(CompletableFuture<?> server) {
        ready = server;
    }

    /**
     * Waits, however long it takes, until the embedded server accepts connections (at once on an external
     * database); throws if it did not start. The first thing the service does with its database waits here,
     * outside the pool: the pool would give up after its acquisition timeout (a first install unpacks and
     * initialises the server for longer than that).
     */
    public static void awaitServer() {
        try {
            ready.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "The embedded PostgreSQL did not start: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the embedded PostgreSQL was starting", e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!postgres.acceptsURL(url)) {
            return null;
        }
        try {
            awaitServer();
        } catch (IllegalStateException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        }
        return postgres.connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return postgres.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return postgres.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return postgres.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return postgres.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return postgres.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return postgres.getParentLogger();
    }
}
