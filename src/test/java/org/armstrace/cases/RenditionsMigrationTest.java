package org.armstrace.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a database of schema V12 to V13 moves the live records' texts into renditions and leaves
 * what releases and revisions froze as it was (and V15 moves their search vectors there too). Run in a schema of its own on the tests' server, with
 * rows copied from the shipped dataset as V12 kept them.
 */
@QuarkusTest
class RenditionsMigrationTest {

    private static final String SCHEMA = "upgrade_to_v13";

    @Inject
    DataSource db;

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = db.getConnection();
                Statement sql = c.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    /** Bulk inserts name the identity sequence of rendition ids literally; it must be the one the schema has. */
    @Test
    void theRenditionSequenceNamedForBulkInsertsIsTheIdentitys() throws SQLException {
        try (Connection c = db.getConnection();
                Statement sql = c.createStatement();
                ResultSet row = sql.executeQuery("select pg_get_serial_sequence('public.rendition', 'id')")) {
            assertTrue(row.next());
            assertEquals("public." + Renditions.SEQUENCE.replace("'", ""), row.getString(1));
        }
    }

    @Test
    void theLiveTextsMoveToRenditionsAndWhatWasFrozenStaysAsItWas() throws SQLException {
        flyway("12").migrate();
        String live;
        String csv;
        String frozen;
        try (Connection c = db.getConnection();
                Statement sql = c.createStatement()) {
            // a record as V12 kept it: its texts in its row, its revision's snapshot, a release's copy
            List<String> content = columns(sql, "case_record");
            content.removeAll(List.of("document", "csv_row", "geometry"));
            String columns = String.join(", ", content);
            // (the search texts are the rendition's since V15)
            sql.execute("insert into " + SCHEMA + ".case_record (" + columns + ", document, csv_row, geometry)"
                    + " select " + prefixed("c", columns).replace("c.search_", "s.search_")
                    + ", d.document, d.csv_row, d.geometry"
                    + " from public.case_record c join public.rendition d on d.id = c.rendition_id"
                    + " join public.rendition_search s on s.rendition_id = d.id"
                    + " where c.public_id = 'AT-000001'");
            sql.execute("insert into " + SCHEMA + ".revision (case_id, public_id, version, action, is_public, snapshot)"
                    + " select id, public_id, version, 'import', true, document from " + SCHEMA + ".case_record");
            sql.execute("insert into " + SCHEMA + ".release (version, major, minor, patch, released_at, notes,"
                    + " record_count, last_sequence) values ('1.0.0', 1, 0, 0, now(), 'V12', 1, 1)");
            sql.execute("insert into " + SCHEMA + ".release_case (release_id, record_id, revision_sequence, public_id,"
                    + " status, version, event_start, event_end, country, case_type, legal_status, context,"
                    + " weapon_3d_role, channels, payment_methods, confidence, uncertain, summary, search, document,"
                    + " csv_row, geometry) select r.id, c.id, 1, c.public_id, c.status, c.version, c.event_start,"
                    + " c.event_end, c.country, c.case_type, c.legal_status, c.context, c.weapon_3d_role, c.channels,"
                    + " c.payment_methods, c.confidence, c.uncertain, c.summary, c.search,"
                    + " replace(c.document, 'AT-000001', 'AT-000001 as frozen'), c.csv_row, c.geometry"
                    + " from " + SCHEMA + ".case_record c, " + SCHEMA + ".release r");
            live = text(sql, "select document from " + SCHEMA + ".case_record");
            csv = text(sql, "select csv_row from " + SCHEMA + ".case_record");
            frozen = text(sql, "select document from " + SCHEMA + ".release_case");
        }

        flyway(null).migrate();

        try (Connection c = db.getConnection();
                Statement sql = c.createStatement()) {
            assertFalse(columns(sql, "case_record").contains("document"), "the live row keeps no texts");
            assertEquals(
                    live,
                    text(
                            sql,
                            "select d.document from " + SCHEMA + ".case_record c join " + SCHEMA
                                    + ".rendition d on d.id = c.rendition_id"));
            assertEquals(
                    csv,
                    text(
                            sql,
                            "select d.csv_row from " + SCHEMA + ".case_record c join " + SCHEMA
                                    + ".rendition d on d.id = c.rendition_id"));
            assertEquals(live, text(sql, "select snapshot from " + SCHEMA + ".revision"));
            assertNull(text(sql, "select cast(rendition_id as text) from " + SCHEMA + ".revision"));
            assertEquals(frozen, text(sql, "select document from " + SCHEMA + ".release_case"));
            // V15: what search sees moves to the live record's rendition, the same tsvector the row had; the
            // release's row keeps its own
            assertFalse(columns(sql, "case_record").contains("search_main"), "the live row keeps no search text");
            assertEquals(
                    text(sql, "select cast(search as text) from " + SCHEMA + ".release_case"),
                    text(
                            sql,
                            "select cast(s.search as text) from " + SCHEMA + ".case_record c join " + SCHEMA
                                    + ".rendition_search s on s.rendition_id = c.rendition_id"));
            assertTrue(frozen.contains("as frozen"));
            assertNull(text(sql, "select cast(rendition_id as text) from " + SCHEMA + ".release_case"));
            // renditions never change, and new ones are numbered after the moved ones
            SQLException refused = assertThrows(
                    SQLException.class, () -> sql.execute("update " + SCHEMA + ".rendition set csv_row = ''"));
            assertEquals("42501", refused.getSQLState());
            assertTrue(Long.parseLong(text(
                            sql,
                            "select cast(nextval(pg_get_serial_sequence('" + SCHEMA + ".rendition', 'id')) as text)"))
                    > Long.parseLong(text(sql, "select cast(max(id) as text) from " + SCHEMA + ".rendition")));
        }
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure()
                .dataSource(db)
                .schemas(SCHEMA)
                .locations("filesystem:src/main/resources/db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    /** The columns of a table in the test's schema that an insert may set (not its id, not generated ones). */
    private static List<String> columns(Statement sql, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("select column_name from information_schema.columns"
                + " where table_schema = '" + SCHEMA + "' and table_name = '" + table + "'"
                + " and is_generated = 'NEVER' and column_name <> 'id' order by ordinal_position")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }

    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }

    private static String text(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            assertTrue(row.next(), query);
            return row.getString(1);
        }
    }
}
