package org.armstrace.common.error;

import java.sql.SQLException;
import java.util.Set;

/**
 * The last line against input that PostgreSQL refuses to store: the request checks name such values
 * first ({@code InputText}, the contract's bounds), so reaching this is a gap in them, logged; the
 * client still gets a 400, never a 500. SQLSTATE 22021 is a byte sequence the encoding cannot hold
 * (NUL), 22P05 a Unicode escape jsonb cannot hold ({@code \u0000}), 22003 a number out of range.
 */
final class UnstorableValue {

    private static final Set<String> STATES = Set.of("22021", "22P05", "22003");

    private UnstorableValue() {}

    static boolean isUnstorable(Throwable error) {
        for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null // a driver or pool error may have none (Set.of refuses null)
                    && STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
