package org.armstrace.common.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which faults are a value the database cannot store (a 400), whatever else a fault carries. */
class UnstorableValueTest {

    @Test
    void aValueTheDatabaseRefusesToStoreIsRecognisedBehindOtherExceptions() {
        assertTrue(UnstorableValue.isUnstorable(
                new IllegalStateException("wrapped", new SQLException("invalid byte sequence", "22021"))));
        assertTrue(UnstorableValue.isUnstorable(new SQLException("numeric field overflow", "22003")));
    }

    @Test
    void aDatabaseErrorWithoutAnSqlStateIsNoUnstorableValueAndNoSecondFault() {
        // seen under load in the benchmark: a driver error without a state made the mapper itself throw
        assertFalse(UnstorableValue.isUnstorable(new RuntimeException(new SQLException("no state"))));
        assertFalse(UnstorableValue.isUnstorable(new SQLException("other", "42P01")));
        assertFalse(UnstorableValue.isUnstorable(new IllegalStateException("no database at all")));
    }
}
