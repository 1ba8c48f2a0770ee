package org.armstrace.curation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The database itself keeps the revision log append-only. */
@QuarkusTest
class RevisionLogTest {

    @Inject
    DataSource db;

    @Test
    void theShippedDatasetIsLoggedAsImports() throws SQLException {
        try (Connection c = db.getConnection();
                var rs = c.createStatement()
                        .executeQuery(
                                "select count(*) from revision where action = 'import' and note like 'shipped dataset%'")) {
            rs.next();
            assertTrue(rs.getLong(1) >= 46);
        }
    }

    @Test
    void updatesDeletesAndTruncatesOfRevisionsAreRefused() throws SQLException {
        try (Connection c = db.getConnection()) {
            SQLException update = assertThrows(
                    SQLException.class,
                    () -> c.createStatement()
                            .executeUpdate("update revision set note = 'rewritten' where sequence = 1"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(
                    SQLException.class,
                    () -> c.createStatement().executeUpdate("delete from revision where sequence = 1"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
            SQLException truncate = assertThrows(
                    SQLException.class, () -> c.createStatement().executeUpdate("truncate revision cascade"));
            assertTrue(truncate.getMessage().contains("append-only"), truncate.getMessage());
        }
    }
}
