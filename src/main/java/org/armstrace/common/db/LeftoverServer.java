package org.armstrace.common.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server left running on a data folder by an ArmsTrace process that was killed (SIGKILL, an
 * out-of-memory kill, a crash): nothing stopped it, and the next start would wait for it in vain. Only
 * called while holding the data folder's lock, which proves that no live ArmsTrace process owns the folder,
 * so a server that is still running there is an orphan and may be stopped.
 */
final class LeftoverServer {

    private static final Logger LOG = Logger.getLogger(LeftoverServer.class);
    private static final long FAST_SHUTDOWN_SECONDS = 30;
    private static final long IMMEDIATE_SHUTDOWN_SECONDS = 15;

    private LeftoverServer() {}

    /**
     * Stops the server named by {@code postmaster.pid} in {@code dataDirectory} if it is still a running
     * PostgreSQL of that very folder; does nothing when the file is absent or stale (the process is gone, or
     * the pid now belongs to another program: PostgreSQL checks this itself on start).
     *
     * @throws EmbeddedDatabase.StartupException when the server does not stop, saying what to do
     */
    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).strip());
        } catch (NumberFormatException e) {
            return; // not a pid file PostgreSQL finished writing; it replaces it on start
        }
        if (!isServerOf(pid, dataDirectory)) {
            return;
        }
        LOG.warnf(
                "A PostgreSQL server (pid %d) is still running on %s, left by an ArmsTrace process that did not stop"
                        + " cleanly; stopping it.",
                pid, dataDirectory);
        // fast shutdown (what pg_ctl stop -m fast sends): sessions end, the data is checkpointed and stays consistent
        signal(pid, "INT");
        if (waitUntilGone(pid, dataDirectory, FAST_SHUTDOWN_SECONDS)) {
            LOG.infof("The leftover PostgreSQL server (pid %d) stopped.", pid);
            return;
        }
        // immediate shutdown: the next start recovers from the write-ahead log, as after a power cut
        signal(pid, "QUIT");
        if (waitUntilGone(pid, dataDirectory, IMMEDIATE_SHUTDOWN_SECONDS)) {
            LOG.infof("The leftover PostgreSQL server (pid %d) stopped (immediate shutdown).", pid);
            return;
        }
        throw new EmbeddedDatabase.StartupException("a PostgreSQL server (pid " + pid + ") left running by an earlier"
                + " ArmsTrace process still uses " + dataDirectory + " and did not stop when asked. Stop it (kill "
                + pid
                + ", or kill -9 " + pid + " if it does not react) and start ArmsTrace again.");
    }

    /** Whether {@code pid} is a running PostgreSQL server whose command line names {@code dataDirectory}. */
    static boolean isServerOf(long pid, Path dataDirectory) {
        Optional<List<String>> command = commandLine(pid);
        if (command.isEmpty() || command.get().isEmpty()) {
            return false; // gone, or a zombie waiting for its parent
        }
        List<String> args = command.get();
        String program = Path.of(args.get(0)).getFileName() == null
                ? args.get(0)
                : Path.of(args.get(0)).getFileName().toString();
        if (!program.startsWith("postgres")) {
            return false;
        }
        List<String> names = names(dataDirectory);
        return args.stream().skip(1).anyMatch(arg -> names.stream().anyMatch(name -> sameFolder(arg, name)));
    }

    private static boolean sameFolder(String arg, String name) {
        String a = arg.replaceAll("/+$", "");
        return a.equals(name) || a.equals("-D" + name);
    }

    /** The folder as written (absolute, normalised) and as it really is (links resolved). */
    private static List<String> names(Path dataDirectory) {
        String absolute = dataDirectory.toAbsolutePath().normalize().toString();
        try {
            String real = dataDirectory.toRealPath().toString();
            return real.equals(absolute) ? List.of(absolute) : List.of(absolute, real);
        } catch (IOException e) {
            return List.of(absolute);
        }
    }

    /** The process's arguments, program first: from /proc on Linux, else from what the JDK can tell. */
    private static Optional<List<String>> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
                if (raw.isEmpty()) {
                    return Optional.of(List.of());
                }
                return Optional.of(List.of(raw.split("\0")));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> {
            ProcessHandle.Info info = p.info();
            return info.command().map(command -> {
                List<String> all = new java.util.ArrayList<>(List.of(command));
                info.arguments().ifPresent(args -> all.addAll(List.of(args)));
                return all;
            });
        });
    }

    private static void signal(long pid, String signal) throws IOException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the leftover PostgreSQL server", e);
        }
    }

    private static boolean waitUntilGone(long pid, Path dataDirectory, long seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!isServerOf(pid, dataDirectory)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the leftover PostgreSQL server", e);
            }
        }
        return !isServerOf(pid, dataDirectory);
    }
}
