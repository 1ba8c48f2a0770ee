package org.armstrace;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.armstrace.common.db.EmbeddedDatabase;
import org.armstrace.common.db.WhenReadyDriver;
import org.armstrace.common.http.Draining;

/**
 * Starts ArmsTrace. When no datasource URL is configured (QUARKUS_DATASOURCE_JDBC_URL or
 * -Dquarkus.datasource.jdbc.url), it first starts an embedded PostgreSQL in the data folder
 * (ARMSTRACE_DATA_DIR or -Darmstrace.data-dir, default ./data) and points Quarkus at it.
 */
@QuarkusMain
public final class Main {

    private Main() {}

    public static void main(String... args) {
        // Quarkus answers a URI that java.net.URI refuses (a query with %ZZ) with a bare 400 unless told not to
        // check; EdgeProblems checks it instead and answers with a problem naming the parameter.
        System.setProperty("vertx.disableURIValidation", "true");
        Draining.onSigterm(); // SIGTERM: finish the requests under way, then exit 0
        if (tracesWanted(System::getProperty, System::getenv)) {
            System.setProperty("quarkus.otel.sdk.disabled", "false");
        }
        if (externalDatabaseConfigured()) {
            Quarkus.run(args);
            return;
        }
        Path folder = dataDirectory();
        // PostgreSQL starts on another thread while Quarkus does; the first connection waits for it
        try (EmbeddedDatabase.Starting db = EmbeddedDatabase.startInBackground(folder)) {
            WhenReadyDriver.waitFor(db.ready());
            System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
            System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
            System.setProperty("quarkus.datasource.password", db.password());
            // temporary files in the data folder, private and owned through its lock: a start after a crash removes
            // what the crashed process left (release files being written, buffered import bodies)
            Path work = EmbeddedDatabase.workFolder(folder);
            System.setProperty("armstrace.work-dir", work.toString());
            System.setProperty(
                    "quarkus.http.body.uploads-directory",
                    work.resolve(EmbeddedDatabase.UPLOADS_FOLDER).toString());
            db.ready().exceptionally(failed -> {
                cannotStart(
                        failed instanceof CompletionException && failed.getCause() != null
                                ? failed.getCause()
                                : failed);
                return null;
            });
            Quarkus.run(args);
        } catch (EmbeddedDatabase.StartupException e) {
            cannotStart(e);
            System.exit(1);
        }
    }

    /** Tells the operator why the service cannot start (the embedded server's reasons are written for people). */
    private static void cannotStart(Throwable why) {
        System.err.println("ArmsTrace cannot start: " + why.getMessage());
    }

    /**
     * Whether to turn OpenTelemetry on: an OTLP endpoint is set (property or environment) and nobody said
     * whether the SDK is disabled. Without an endpoint it stays off (application.properties).
     */
    static boolean tracesWanted(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        boolean endpoint = isSet(properties.apply("quarkus.otel.exporter.otlp.endpoint"))
                || isSet(environment.apply("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
        boolean decided = isSet(properties.apply("quarkus.otel.sdk.disabled"))
                || isSet(environment.apply("QUARKUS_OTEL_SDK_DISABLED"));
        return endpoint && !decided;
    }

    private static boolean externalDatabaseConfigured() {
        return isSet(System.getProperty("quarkus.datasource.jdbc.url"))
                || isSet(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    private static Path dataDirectory() {
        String dir = System.getProperty("armstrace.data-dir");
        if (!isSet(dir)) {
            dir = System.getenv("ARMSTRACE_DATA_DIR");
        }
        return Path.of(isSet(dir) ? dir : "data").toAbsolutePath();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
