package org.armstrace.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.armstrace.common.db.EmbeddedDatabase;

/** Gives the test application a fresh embedded PostgreSQL in a temporary folder, as the service would. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;
    private java.nio.file.Path folder;

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("armstrace-test-db");
            database = EmbeddedDatabase.start(folder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (folder != null && !Boolean.getBoolean("armstrace.keep-test-data")) {
            TempFolders.delete(folder);
        }
    }
}
