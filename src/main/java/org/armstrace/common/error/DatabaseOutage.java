package org.armstrace.common.error;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Tells a passing outage of the database (stopped, restarting, unreachable, or no connection free in
 * time) from a fault of the service: the first is a 503 with Retry-After that a client may retry, the
 * second a 500. PostgreSQL's SQLSTATE class 08 is a connection exception; 57P01-57P03 are an operator
 * or crash shutdown and a server not yet accepting connections.
 */
public final class DatabaseOutage {

    /** Seconds a client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private DatabaseOutage() {}

    public static boolean isOutage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
            }
            if (isPoolTimeout(cause.getMessage())) {
                return true; // the pool had no connection to give in time
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Agroal says so in words, without an SQLSTATE: "Sorry, acquisition timeout!" when every connection is
     * busy, "Acquisition timeout while waiting for new connection" when a new one is not made in time.
     */
    private static boolean isPoolTimeout(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
