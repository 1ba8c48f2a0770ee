package org.armstrace.export;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.armstrace.common.http.DatasetState;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whole exports remembered as files until the dataset changes. The first request for an export writes it
 * to a file at the database's speed (so no client holds a database connection while it reads, however slowly),
 * and every request for the same export at the same dataset state sends that file. Requests that arrive while
 * it is being written wait for it rather than reading the database again. Files of an earlier dataset state
 * are deleted as soon as the state moves; all files together stay within {@code armstrace.export-cache.max-bytes}
 * (an export larger than that is written, sent once and deleted). The folder is the service's private work
 * folder ({@code exports/}, emptied at start and at shutdown).
 */
@ApplicationScoped
public class ExportFiles {

    private static final Logger LOG = Logger.getLogger(ExportFiles.class);

    /** Writes the whole export onto {@code out}. */
    @FunctionalInterface
    public interface Filler {
        void write(OutputStream out) throws IOException;
    }

    /** An export ready to send: its bytes from the start, and how many there are. */
    public record Opened(InputStream in, long bytes) {}

    private record Key(Object request, String state) {}

    private record Stored(Path path, long bytes) {}

    private final DatasetState dataset;
    private final long maxBytes;
    private final Path folder;
    /** A temporary folder of its own (no work folder configured), removed at shutdown. */
    private final boolean ownFolder;

    private final AsyncCache<Key, Stored> files;
    private volatile String lastState = "";

    public ExportFiles(
            DatasetState dataset,
            @ConfigProperty(name = "armstrace.export-cache.max-bytes") long maxBytes,
            @ConfigProperty(name = "armstrace.work-dir") Optional<String> workDir) {
        this.dataset = dataset;
        this.maxBytes = maxBytes;
        try {
            this.ownFolder = workDir.filter(dir -> !dir.isBlank()).isEmpty();
            this.folder = ownFolder
                    ? Files.createTempDirectory("armstrace-exports-")
                    : emptied(Path.of(workDir.get()).resolve("exports"));
        } catch (IOException e) {
            throw new UncheckedIOException("The folder for export files cannot be made", e);
        }
        this.files = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maxBytes / 1024))
                .weigher((Key key, Stored stored) -> (int) Math.min(Integer.MAX_VALUE, stored.bytes() / 1024))
                .executor(Runnable::run)
                .removalListener((Key key, Stored stored, RemovalCause cause) -> {
                    if (stored != null) {
                        delete(stored.path());
                    }
                })
                .buildAsync();
    }

    /**
     * The export that {@code request} names at the dataset's current state, opened: from its file if it was
     * written at this state, else written now by {@code filler} (once, however many ask at the same time).
     */
    public Opened open(Object request, Filler filler) throws IOException {
        String state = dataset.state();
        forgetOtherStates(state);
        Key key = new Key(request, state);
        for (int attempt = 1; ; attempt++) {
            CompletableFuture<Stored> mine = new CompletableFuture<>();
            CompletableFuture<Stored> found = files.asMap().putIfAbsent(key, mine);
            if (found == null) {
                return writeAndOpen(key, mine, filler);
            }
            Stored stored;
            try {
                stored = found.join();
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof IOException io) {
                    throw io;
                }
                throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
            }
            try {
                return new Opened(Files.newInputStream(stored.path()), stored.bytes());
            } catch (NoSuchFileException evicted) {
                // dropped between being found and being opened (the bound, or the state moved): write it again
                files.asMap().remove(key, found);
                if (attempt == 3) {
                    throw evicted;
                }
            }
        }
    }

    private Opened writeAndOpen(Key key, CompletableFuture<Stored> mine, Filler filler) throws IOException {
        Path path = null;
        try {
            path = Files.createTempFile(folder, "export-", ".part");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
                filler.write(out);
            }
            long bytes = Files.size(path);
            InputStream in = Files.newInputStream(path); // opened before anyone can evict it
            if (bytes > maxBytes) {
                files.asMap().remove(key, mine);
                mine.completeExceptionally(new IOException("an export over the cache's bound is not kept"));
                delete(path); // the open stream still reads it
            } else {
                mine.complete(new Stored(path, bytes));
                if (files.asMap().get(key) != mine) {
                    delete(path); // the state moved while it was written: nobody will ask for it again
                }
            }
            return new Opened(in, bytes);
        } catch (IOException | RuntimeException | Error e) {
            files.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            if (path != null) {
                delete(path);
            }
            throw e;
        }
    }

    /** Files of earlier states can never be asked for again: delete them as soon as the state moves. */
    private void forgetOtherStates(String state) {
        if (!state.equals(lastState)) {
            lastState = state;
            files.asMap().keySet().removeIf(key -> !key.state().equals(state));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        files.synchronous().invalidateAll();
        if (ownFolder) {
            delete(folder);
        }
    }

    private static Path emptied(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (var leftovers = Files.list(folder)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
        return folder;
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debugf("Export file %s could not be deleted: %s", path, e.getMessage());
        }
    }
}
