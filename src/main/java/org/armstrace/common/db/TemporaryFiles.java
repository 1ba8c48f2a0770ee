package org.armstrace.common.db;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Temporary files a killed process left in the data folder's work folder: folders of a release being written
 * ({@code armstrace-release-*}) and request bodies Quarkus buffered to files ({@code uploads/pfx*sfx}). Only
 * those names are removed; the work folder is private to the service (0700) and owned through the data
 * folder's lock, so no running process is using them.
 */
final class TemporaryFiles {

    private static final Logger LOG = Logger.getLogger(TemporaryFiles.class);

    private TemporaryFiles() {}

    static void removeLeftovers(Path work) throws IOException {
        PrivateFiles.folder(work);
        Path uploads = PrivateFiles.folder(work.resolve(EmbeddedDatabase.UPLOADS_FOLDER));
        int removed = 0;
        try (DirectoryStream<Path> releases =
                Files.newDirectoryStream(work, EmbeddedDatabase.RELEASE_TEMP_PREFIX + "*")) {
            for (Path leftover : releases) {
                removed += delete(leftover);
            }
        }
        // the names Quarkus gives a request body it reads into a File (QuarkusServerPathBodyHandler)
        try (DirectoryStream<Path> bodies = Files.newDirectoryStream(uploads, "pfx*sfx")) {
            for (Path leftover : bodies) {
                removed += delete(leftover);
            }
        }
        if (removed > 0) {
            LOG.infof("Removed %d temporary files left in %s by a process that did not stop cleanly.", removed, work);
        }
    }

    private static int delete(Path path) throws IOException {
        if (Files.isSymbolicLink(path) || !Files.isDirectory(path)) {
            Files.deleteIfExists(path);
            return 1;
        }
        try (Stream<Path> all = Files.walk(path)) {
            var paths = all.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
            return paths.size();
        }
    }
}
