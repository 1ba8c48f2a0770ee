package org.armstrace.common.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * An embedded PostgreSQL server (real binaries from Maven Central) that keeps its data in a folder
 * and reuses it on the next start. Durability is that of a normal server: fsync and
 * synchronous_commit are on, so an acknowledged write survives a crash.
 *
 * <p>Only this service can connect: the server listens on TCP on this machine only (no unix socket),
 * and pg_hba.conf lets in only {@link #USER} with the random password kept in {@value #PASSWORD_FILE}
 * (0600) in the data folder, by SCRAM-SHA-256. The PostgreSQL programs are unpacked into the data
 * folder's {@value #BINARIES_FOLDER} (0700), not a shared temporary folder. A data folder made by
 * versions without a password is given one on its next start, its data kept.
 *
 * <p>One process at a time owns a data folder: a second one fails at once with a message saying so.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    public static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    /** The file, in the data folder, holding the password of {@link #USER} (0600). */
    public static final String PASSWORD_FILE = "postgres-password";
    /** The folder, in the data folder, holding the PostgreSQL programs (0700). */
    public static final String BINARIES_FOLDER = "postgres-binaries";
    /**
     * The folder, in the data folder, for the service's temporary files (0700): the files of a release being
     * written ({@value #RELEASE_TEMP_PREFIX}*) and request bodies buffered by Quarkus ({@value #UPLOADS_FOLDER}).
     * What a killed process left there is removed on the next start.
     */
    public static final String WORK_FOLDER = "tmp";
    /** The folder, in {@link #WORK_FOLDER}, where Quarkus buffers request bodies (imports) to files. */
    public static final String UPLOADS_FOLDER = "uploads";
    /** How the folders of a release being written start (see ReleaseFiles). */
    public static final String RELEASE_TEMP_PREFIX = "armstrace-release-";

    private final EmbeddedPostgres postgres;
    private final String password;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.password = password;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Starts (or restarts on existing data) the server whose files live under {@code folder}, and waits for it. */
    public static EmbeddedDatabase start(Path folder) {
        return prepare(folder).launch();
    }

    /**
     * Takes the folder and starts its server on another thread: the folder's lock, its password and the
     * server's port are settled before this returns (a folder in use fails here, at once), so the service can
     * go on starting while PostgreSQL does. {@link Starting#ready()} completes when the server accepts
     * connections. A folder without a database yet gets it made and started before this returns.
     */
    public static Starting startInBackground(Path folder) {
        Prepared prepared = prepare(folder);
        long began = System.nanoTime();
        Supplier<EmbeddedDatabase> launch = () -> {
            EmbeddedDatabase database = prepared.launch();
            LOG.infof(
                    "Embedded PostgreSQL ready in %d ms, data in %s", (System.nanoTime() - began) / 1_000_000, folder);
            return database;
        };
        if (!Files.exists(folder.resolve("postgres").resolve("PG_VERSION"))) {
            // a first install unpacks the binaries and runs initdb first: done beside Quarkus's start, that work's
            // allocations and Quarkus's overlap and leave the process a heap 40 MB larger for the rest of its life
            return new Starting(prepared, CompletableFuture.completedFuture(launch.get()));
        }
        CompletableFuture<EmbeddedDatabase> ready = CompletableFuture.supplyAsync(
                launch,
                task -> Thread.ofPlatform().name("armstrace-embedded-postgres").start(task));
        return new Starting(prepared, ready);
    }

    /** The folder locked and the server's settings known: what is left is to start it. */
    private record Prepared(
            Path folder,
            EmbeddedPostgres.Builder builder,
            Path binaries,
            String password,
            int port,
            FileChannel lockChannel,
            FileLock lock) {

        /** Starts the server; if it cannot, gives the folder back and says why. */
        EmbeddedDatabase launch() {
            try {
                EmbeddedPostgres postgres = builder.start();
                Files.setPosixFilePermissions(binaries, PrivateFiles.OWNER_FOLDER);
                return new EmbeddedDatabase(postgres, password, lockChannel, lock);
            } catch (IOException | RuntimeException e) {
                closeQuietly(lockChannel);
                throw new StartupException(
                        "the embedded PostgreSQL did not start in " + folder + ": " + e.getMessage(), e);
            }
        }

        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
        }
    }

    private static Prepared prepare(Path folder) {
        FileChannel channel = null;
        try {
            if (!Files.isDirectory(folder)) {
                PrivateFiles.folder(folder);
            }
            channel = FileChannel.open(
                    folder.resolve("armstrace.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new StartupException("the data folder " + folder
                        + " is already in use by another ArmsTrace instance. Stop that instance, or give this one"
                        + " its own folder with ARMSTRACE_DATA_DIR.");
            }
            Path data = folder.resolve("postgres");
            // the lock proves that no live ArmsTrace process owns this folder: what one left behind can go
            LeftoverServer.stopIfRunning(data);
            TemporaryFiles.removeLeftovers(workFolder(folder));
            Path passwordFile = folder.resolve(PASSWORD_FILE);
            // zonky makes the folder it unpacks into writable by everyone: keep that one inside a private one
            Path binaries = PrivateFiles.folder(folder.resolve(BINARIES_FOLDER)).resolve("unpacked");
            // a cluster from before passwords (trust for every local user) gets one before it starts again
            boolean lockDownOldCluster = Files.exists(data.resolve("postgresql.conf")) && !Files.exists(passwordFile);
            String password;
            if (lockDownOldCluster) {
                password = PrivateFiles.newPassword(); // written to its file once the cluster has it
            } else if (Files.exists(passwordFile)) {
                password = PrivateFiles.readPassword(passwordFile);
            } else {
                password = PrivateFiles.newPassword();
                PrivateFiles.writePassword(passwordFile, password);
            }
            int port = freePort();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPgBinaryResolver(new BinariesIn(binaries))
                    // initdb of a new cluster: zonky passes "-A trust", then these, which win
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "''") // TCP and the password only
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC")
                    // the dataset with its rendered forms (about 0.5 GB at 100,000 records) stays in PostgreSQL's
                    // own cache; the default 128 MB sends full exports to the operating system's cache
                    .setServerConfig("shared_buffers", System.getProperty("armstrace.db.shared-buffers", "512MB"))
                    // fewer checkpoints (each followed by full-page writes) during a large import or release
                    .setServerConfig("max_wal_size", "2GB")
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(
                            dir -> lockDown(dir.toPath(), binaries, lockDownOldCluster, password, passwordFile))
                    .setPGStartupWait(Duration.ofSeconds(60));
            return new Prepared(folder, builder, binaries, password, port, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof StartupException se) {
                throw se;
            }
            throw new StartupException("the embedded PostgreSQL did not start in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A port free on this machine just now, as zonky would choose one. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The folder for temporary files of the service whose data folder is {@code folder}. */
    public static Path workFolder(Path folder) {
        return folder.resolve(WORK_FOLDER);
    }

    /** Runs after initdb (if any) and before the server starts. */
    private static void lockDown(
            Path dataDirectory, Path binaries, boolean oldCluster, String password, Path passwordFile) {
        try {
            Files.setPosixFilePermissions(binaries, PrivateFiles.OWNER_FOLDER);
            if (oldCluster) {
                ClusterLockdown.setPassword(binaries, dataDirectory, password);
                PrivateFiles.writePassword(passwordFile, password);
            }
            ClusterLockdown.writeHba(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not secure the database in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** The password of {@link #USER}, also in {@value #PASSWORD_FILE} in the data folder. */
    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
            closeQuietly(lockChannel);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    /**
     * Zonky's usual source of binaries, told apart by the folder they go to: zonky remembers one folder
     * per source for the whole JVM, and each data folder keeps its own private copy.
     */
    private record BinariesIn(Path folder) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }

    /** A server started by {@link #startInBackground}: its address now, the server itself once it is up. */
    public static final class Starting implements AutoCloseable {
        private final Prepared prepared;
        private final CompletableFuture<EmbeddedDatabase> ready;

        private Starting(Prepared prepared, CompletableFuture<EmbeddedDatabase> ready) {
            this.prepared = prepared;
            this.ready = ready;
        }

        public String jdbcUrl() {
            return prepared.jdbcUrl();
        }

        public String password() {
            return prepared.password();
        }

        /** Completes when the server accepts connections, or with the {@link StartupException} that stopped it. */
        public CompletableFuture<EmbeddedDatabase> ready() {
            return ready;
        }

        /** Stops the server (once it has finished starting) and gives the folder back. */
        @Override
        public void close() {
            try {
                ready.join().close();
            } catch (CompletionException | CancellationException failed) {
                // it never started, and its launch gave the folder back
            }
        }
    }

    /** The embedded server could not start; the message says why, for people. */
    public static final class StartupException extends RuntimeException {
        StartupException(String message) {
            super(message);
        }

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
