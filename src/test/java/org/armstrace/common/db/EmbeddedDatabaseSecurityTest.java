package org.armstrace.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another user of the machine meets at the embedded PostgreSQL: no way in without the service's
 * password (no trust, no unix socket, no replication), the password in a file only the owner can read,
 * programs in a folder only the owner can open; and an old data folder (trust for everyone) gets
 * locked down on its next start, its data kept.
 */
class EmbeddedDatabaseSecurityTest {

    // a long path, as temporary folders of CI machines often are
    @TempDir
    Path temp;

    @Test
    void aNewDatabaseLetsInOnlyTheServiceWithItsPassword() throws Exception {
        Path folder = temp.resolve("a-rather-long-folder-name-for-the-data-of-this-test-that-goes-on-and-on");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(folder)) {
            assertLockedDown(db, folder);
        }
    }

    @Test
    void aTrustDatabaseFromAnOlderVersionIsLockedDownAndKeepsItsData() throws Exception {
        Path folder = temp.resolve("old");
        // what versions before passwords made: zonky's defaults, trust for every local user
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                        .setDataDirectory(folder.resolve("postgres"))
                        .setCleanDataDirectory(false)
                        .start();
                Connection c = old.getPostgresDatabase().getConnection();
                Statement sql = c.createStatement()) {
            sql.execute("create table kept (value text)");
            sql.execute("insert into kept values ('written before the upgrade')");
        }
        assertTrue(Files.readString(folder.resolve("postgres/pg_hba.conf")).contains("trust"));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(folder)) {
            assertLockedDown(db, folder);
            try (Connection c = connect(db, db.password());
                    Statement sql = c.createStatement();
                    ResultSet kept = sql.executeQuery("select value from kept")) {
                assertTrue(kept.next());
                assertEquals("written before the upgrade", kept.getString(1));
            }
        }
        // and the next start uses the password it kept
        try (EmbeddedDatabase again = EmbeddedDatabase.start(folder)) {
            assertEquals(Files.readString(folder.resolve("postgres-password")).strip(), again.password());
            try (Connection c = connect(again, again.password())) {
                assertTrue(c.isValid(5));
            }
        }
    }

    private static void assertLockedDown(EmbeddedDatabase db, Path folder) throws Exception {
        assertThrows(SQLException.class, () -> connect(db, null).close(), "no password");
        assertThrows(SQLException.class, () -> connect(db, "postgres").close(), "a wrong password");
        try (Connection c = connect(db, db.password());
                Statement sql = c.createStatement()) {
            assertEquals("", single(sql, "show unix_socket_directories"));
            assertTrue(single(sql, "select rolpassword from pg_authid where rolname = 'postgres'")
                    .startsWith("SCRAM-SHA-256$"));
        }

        Path passwordFile = folder.resolve("postgres-password");
        assertEquals(db.password(), Files.readString(passwordFile).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));

        List<String> rules = Files.readAllLines(folder.resolve("postgres/pg_hba.conf")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertFalse(rules.isEmpty());
        for (String rule : rules) {
            List<String> fields = List.of(rule.split("\\s+"));
            assertEquals("host", fields.get(0), rule);
            assertEquals("postgres", fields.get(2), rule);
            assertTrue(List.of("127.0.0.1/32", "::1/128").contains(fields.get(3)), rule);
            assertEquals("scram-sha-256", fields.get(4), rule);
            assertFalse(rule.contains("trust") || rule.contains("replication"), rule);
        }

        // the programs the server runs from
        long pid = Long.parseLong(Files.readAllLines(folder.resolve("postgres/postmaster.pid"))
                .get(0)
                .strip());
        Path program = Path.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"))
                .toString());
        Path shared =
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toAbsolutePath();
        assertFalse(program.startsWith(shared), program.toString());
        Path binaries = folder.resolve("postgres-binaries");
        assertTrue(program.startsWith(binaries.toRealPath()), program + " outside " + binaries);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)));
    }

    private static Connection connect(EmbeddedDatabase db, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", EmbeddedDatabase.USER);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(db.jdbcUrl(), props);
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
