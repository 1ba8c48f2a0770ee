package org.armstrace.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.armstrace.testing.TestRecords;
import org.junit.jupiter.api.Test;

/** The database itself keeps the revision log append-only, and the records it logs. */
@QuarkusTest
class RevisionLogTest {

    @Inject
    DataSource db;

    @Inject
    TestRecords records;

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

    @Test
    void aRecordWithRevisionsCannotBeDeletedNorLoseItsSources() throws SQLException {
        try (Connection c = db.getConnection()) {
            SQLException delete = assertThrows(
                    SQLException.class,
                    () -> c.createStatement().executeUpdate("delete from case_record where public_id = 'AT-000001'"));
            assertTrue(delete.getMessage().contains("has revisions and cannot be deleted"), delete.getMessage());
            try (var rs = c.createStatement()
                    .executeQuery("select count(*) from case_source s join case_record c on c.id = s.case_id"
                            + " where c.public_id = 'AT-000001'")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "the record keeps its sources");
            }
        }
    }

    @Test
    void aRecordWithoutRevisionsTakesItsSourcesAndCountsWithItWhenDeleted() throws SQLException {
        records.insert(records.template("MT", "2021-05-04"), "published");
        records.deleteCountry("MT");
        try (Connection c = db.getConnection();
                var rs = c.createStatement()
                        .executeQuery(
                                "select (select count(*) from case_source s where not exists"
                                        + " (select 1 from case_record c where c.id = s.case_id)) + (select count(*) from"
                                        + " case_count k where not exists (select 1 from case_record c where c.id = k.case_id))")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "sources and counts of no record");
        }
    }
}
