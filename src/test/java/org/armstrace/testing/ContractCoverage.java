package org.armstrace.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file where the suite leaves the {@code operationId status} pairs it exercised, for
 * {@code ContractCoverageIT}: {@code target/contract-coverage/seen.txt}, one pair a line after a
 * {@code # run <id>} header.
 *
 * <p>Several writers may share it: the contract filter can be loaded by more than one class loader
 * in the test JVM (the application's and Quarkus's), and forks may run side by side. Each merges what it
 * saw into the file under a lock. The run id (the build's start, set by the POM; this JVM's otherwise)
 * tells a file left by an earlier run, which the first writer of a run replaces instead of merging.
 *
 * <p>{@link #merge} runs once while the test runs and once more from a shutdown hook; it uses nothing
 * but JDK classes besides this one, so that it still works when the class loader that loaded it has
 * been closed.
 */
public final class ContractCoverage {

    public static final Path FILE = Path.of("target", "contract-coverage", "seen.txt");
    public static final String RUN_PROPERTY = "armstrace.contract-coverage.run";
    private static final String HEADER = "# run ";
    /** An interned literal: one monitor for every class loader of the JVM (FileLock refuses overlaps within one). */
    private static final String JVM_WIDE_MONITOR = "org.armstrace.testing.ContractCoverage.FILE";

    private ContractCoverage() {}

    /** This run's id: the build's, or this JVM's when the tests run outside Maven. */
    public static String runId() {
        String configured = System.getProperty(RUN_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        ProcessHandle self = ProcessHandle.current();
        return "jvm-" + self.pid() + "-"
                + self.info().startInstant().map(Object::toString).orElse("");
    }

    /** Adds {@code pairs} to the file: merged with what this run wrote before, replacing an earlier run's. */
    public static void merge(Collection<String> pairs) {
        String header = HEADER + runId();
        synchronized (JVM_WIDE_MONITOR) {
            try {
                Files.createDirectories(FILE.getParent());
                Path lockFile = FILE.resolveSibling(FILE.getFileName() + ".lock");
                try (FileChannel channel =
                                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    TreeSet<String> merged = new TreeSet<>();
                    if (Files.exists(FILE)) {
                        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
                        if (!lines.isEmpty() && lines.get(0).equals(header)) {
                            for (int i = 1; i < lines.size(); i++) {
                                if (!lines.get(i).isBlank()) {
                                    merged.add(lines.get(i).strip());
                                }
                            }
                        }
                    }
                    merged.addAll(pairs);
                    List<String> out = new ArrayList<>(merged.size() + 1);
                    out.add(header);
                    out.addAll(merged);
                    Path temporary = FILE.resolveSibling(
                            FILE.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                    Files.write(temporary, out, StandardCharsets.UTF_8);
                    Files.move(temporary, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + FILE.toAbsolutePath(), e);
            }
        }
    }

    /** The pairs of the file, and the run that wrote it. */
    public record Seen(String run, Set<String> pairs) {}

    public static Seen read() throws IOException {
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        String run = lines.isEmpty() || !lines.get(0).startsWith(HEADER)
                ? ""
                : lines.get(0).substring(HEADER.length());
        Set<String> pairs = new TreeSet<>();
        lines.stream().skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(pairs::add);
        return new Seen(run, pairs);
    }
}
