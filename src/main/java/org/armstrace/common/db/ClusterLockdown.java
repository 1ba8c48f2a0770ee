package org.armstrace.common.db;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Who may connect to the embedded PostgreSQL: only the service's user, over TCP from this machine,
 * with its password (SCRAM-SHA-256). No trust, no unix socket, no replication. Also brings a cluster
 * created by older versions (trust for every local user, no password) to that state before it starts.
 */
final class ClusterLockdown {

    /** The whole of pg_hba.conf. */
    static final String PG_HBA = """
            # Written by ArmsTrace on every start: only the service's user, over TCP from this machine, with the
            # password in ../postgres-password (SCRAM-SHA-256). No unix socket, no trust, no replication.
            # TYPE  DATABASE  USER      ADDRESS       METHOD
            host    all       %1$s  127.0.0.1/32  scram-sha-256
            host    all       %1$s  ::1/128       scram-sha-256
            """.formatted(EmbeddedDatabase.USER);

    private ClusterLockdown() {}

    static void writeHba(Path dataDirectory) throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        Path next = dataDirectory.resolve("pg_hba.conf.new");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_FILE));
        Files.writeString(next, PG_HBA, StandardCharsets.UTF_8);
        Files.move(next, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Gives the service's user {@code password} in a stopped cluster, through PostgreSQL's single-user
     * mode: no server listens meanwhile, so nobody can use the old trust rules during the change. The
     * password goes through standard input, never a command line.
     */
    static void setPassword(Path binaries, Path dataDirectory, String password) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses to run as root
        }
        command.addAll(List.of(
                postgresBinary(binaries).toString(),
                "--single",
                "-D",
                dataDirectory.toString(),
                "-c",
                "password_encryption=scram-sha-256",
                "-c",
                "unix_socket_directories=",
                "-c",
                "listen_addresses=",
                "postgres"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(("ALTER ROLE " + EmbeddedDatabase.USER + " PASSWORD '" + password + "';\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("setting the database password took more than 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while setting the database password", e);
        }
        if (process.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IOException("could not set the database password: " + output.replace(password, "***"));
        }
    }

    /** The {@code postgres} program zonky unpacked under {@code binaries} (the newest, if several versions are there). */
    private static Path postgresBinary(Path binaries) throws IOException {
        try (Stream<Path> dirs = Files.list(binaries)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("PG-"))
                    .map(dir -> dir.resolve("bin").resolve("postgres"))
                    .filter(Files::isExecutable)
                    .max(Comparator.comparing(ClusterLockdown::modified))
                    .orElseThrow(() -> new IOException("no PostgreSQL binaries under " + binaries));
        }
    }

    private static long modified(Path postgres) {
        try {
            return Files.getLastModifiedTime(postgres.getParent().getParent().resolve(".exists"))
                    .toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
