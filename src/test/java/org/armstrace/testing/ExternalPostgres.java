package org.armstrace.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for the integration tests that need more than the embedded one (a
 * database shared by instances, a streaming standby, pg_dump and pg_restore): Debian's binaries
 * ({@code apt-get install postgresql}; {@code ARMSTRACE_PG_BIN} names another folder), a cluster in a
 * folder of the test, TCP on localhost only, user {@code postgres} with a password. Run as root, the
 * programs run as the system user {@code postgres}, since PostgreSQL refuses to run as root.
 */
public final class ExternalPostgres implements AutoCloseable {

    public static final String PASSWORD = "external-postgres-test-password";
    private static final String SYSTEM_USER = "postgres";

    private final Path data;
    private final int port;
    private boolean running;

    private ExternalPostgres(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    /** A new, empty cluster in {@code folder}/data, started on a free port. */
    public static ExternalPostgres primary(Path folder) throws Exception {
        Path data = prepare(folder);
        Path passwordFile = folder.resolve("pwfile");
        Files.writeString(passwordFile, PASSWORD + "\n");
        handOver(passwordFile);
        run(List.of(
                bin("initdb"),
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--pwfile=" + passwordFile,
                "-A",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8"));
        ExternalPostgres server = new ExternalPostgres(data, PackagedService.freePort());
        server.start();
        return server;
    }

    /** A streaming standby of this server ({@code pg_basebackup -R}), in {@code folder}/data, started. */
    public ExternalPostgres standby(Path folder) throws Exception {
        Path standby = prepare(folder);
        Files.delete(standby); // pg_basebackup creates it
        run(List.of(
                bin("pg_basebackup"),
                "-h",
                "localhost",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-D",
                standby.toString(),
                "-R",
                "-X",
                "stream"));
        ExternalPostgres server = new ExternalPostgres(standby, PackagedService.freePort());
        server.start();
        return server;
    }

    /** Writes the database {@code postgres} to {@code file} in pg_dump's custom format. */
    public void dump(Path file) throws Exception {
        Path out = file.toAbsolutePath();
        handOverFolder(out.getParent());
        run(List.of(
                bin("pg_dump"),
                "-h",
                "localhost",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-Fc",
                "-f",
                out.toString(),
                "postgres"));
    }

    /** Restores a dump of {@link #dump} into the database {@code postgres} of this (empty) server. */
    public void restore(Path file) throws Exception {
        run(List.of(
                bin("pg_restore"),
                "-h",
                "localhost",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "--no-owner",
                "--exit-on-error",
                file.toAbsolutePath().toString()));
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The service's properties that point it at this server. */
    public List<String> serviceProperties() {
        return List.of(
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl(),
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=" + PASSWORD);
    }

    public void start() throws Exception {
        run(List.of(
                bin("pg_ctl"),
                "-D",
                data.toString(),
                "-l",
                data.resolveSibling("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories='' -c fsync=off"
                        + " -c shared_buffers=32MB",
                "start"));
        running = true;
    }

    /** Stops the server at once (as a crash or a pulled cable would), leaving its folder. */
    public void kill() throws Exception {
        stop("immediate");
    }

    @Override
    public void close() throws Exception {
        stop("fast");
    }

    private void stop(String mode) throws Exception {
        if (running) {
            run(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", mode, "-w", "stop"));
            running = false;
        }
    }

    /** The folder of Debian's PostgreSQL programs (the newest version installed), or ARMSTRACE_PG_BIN. */
    public static Path binaries() {
        String configured = System.getenv("ARMSTRACE_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b ->
                            Files.isExecutable(b.resolve("pg_basebackup")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(
                            b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(
                    "These tests need PostgreSQL's server programs: apt-get install postgresql (or set"
                            + " ARMSTRACE_PG_BIN to a folder with initdb, pg_ctl, postgres, pg_basebackup, pg_dump,"
                            + " pg_restore)",
                    e);
        }
    }

    private static String bin(String program) {
        return binaries().resolve(program).toString();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** An empty folder {@code folder}/data that the server's user owns. */
    private static Path prepare(Path folder) throws IOException {
        Files.createDirectories(folder);
        handOverFolder(folder);
        Path data = Files.createDirectory(folder.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        handOver(data);
        return data;
    }

    /** Lets the server's user into {@code folder} and the folders above it, and write there. */
    private static void handOverFolder(Path folder) throws IOException {
        if (!root()) {
            return;
        }
        for (Path p = folder.toAbsolutePath(); p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            var permissions = Files.getPosixFilePermissions(p);
            permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(p, permissions);
        }
        handOver(folder);
    }

    private static void handOver(Path path) throws IOException {
        if (root()) {
            try {
                run(List.of("chown", SYSTEM_USER, path.toString()), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        run(command, root());
    }

    private static void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser) {
            full.addAll(Arrays.asList("runuser", "-u", SYSTEM_USER, "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGPASSWORD", PASSWORD, "PGCONNECT_TIMEOUT", "10"));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output));
        }
    }
}
