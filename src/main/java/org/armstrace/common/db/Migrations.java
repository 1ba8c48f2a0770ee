package org.armstrace.common.db;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the schema up to date before anything else at start (quarkus.flyway.migrate-at-start is off so that
 * this can wait for the embedded server without the pool's acquisition timeout, and skip Flyway when there is
 * nothing to do). A start on a schema that is current, the usual case, costs one query instead of Flyway's
 * scan and validation of every migration (0.6 s). Flyway runs whenever the schema is behind this version,
 * or a migration failed, or the history cannot be read; an instance older than the schema leaves it alone, as
 * Flyway would (it ignores migrations it does not know).
 */
@ApplicationScoped
public class Migrations {

    /** The version of the newest migration in db/migration (MigrationsTest checks that it is). */
    static final int SCHEMA_VERSION = 16;

    private static final Logger LOG = Logger.getLogger(Migrations.class);

    private final Jdbc db;
    private final Instance<Flyway> flyway;

    public Migrations(Jdbc db, Instance<Flyway> flyway) {
        this.db = db;
        this.flyway = flyway;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        WhenReadyDriver.awaitServer();
        if (current()) {
            return;
        }
        int applied = flyway.get().migrate().migrationsExecuted;
        LOG.infof("Migrated the schema to version %d (%d migrations applied).", SCHEMA_VERSION, applied);
    }

    /** Whether every migration up to this version succeeded here (and none failed). */
    private boolean current() {
        if (!db.exists(Sql.of("select 1 where to_regclass('flyway_schema_history') is not null"))) {
            return false; // a new database
        }
        return db.exists(Sql.of("""
                select 1 from flyway_schema_history
                having coalesce(max(cast(version as int)) filter (where success), 0) >= ?
                   and count(*) filter (where not success) = 0""", SCHEMA_VERSION));
    }
}
