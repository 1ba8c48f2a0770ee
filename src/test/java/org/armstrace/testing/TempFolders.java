package org.armstrace.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders for tests (data folders of services and databases: hundreds of megabytes each), removed
 * when the test JVM exits unless {@code -Darmstrace.keep-test-data=true} asks to keep them for a post-mortem.
 */
public final class TempFolders {

    private TempFolders() {}

    public static Path create(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            if (!Boolean.getBoolean("armstrace.keep-test-data")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the folder and everything in it, as far as it can (a file still in use is left). */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // left behind: harmless in a temporary folder
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // the folder changed while it was walked (a server still stopping): what is left is harmless
        }
    }
}
