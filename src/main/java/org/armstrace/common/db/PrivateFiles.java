package org.armstrace.common.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** Folders and files only their owner may open (0700 and 0600), and the database password kept in one. */
final class PrivateFiles {

    static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {}

    /** Creates the folder if needed, born 0700, and makes it 0700 if it existed with wider rights. */
    static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
        }
        Files.setPosixFilePermissions(folder, OWNER_FOLDER);
        return folder;
    }

    /** 32 random bytes, URL-safe Base64: nothing to quote in SQL, a shell or a URL. */
    static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The password in {@code file} (first line), after making sure the file is 0600. */
    static String readPassword(Path file) throws IOException {
        Files.setPosixFilePermissions(file, OWNER_FILE);
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return password;
    }

    /** Writes {@code password} to {@code file} atomically, the file never readable by others, not even for a moment. */
    static void writePassword(Path file, String password) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        Files.writeString(next, password + "\n", StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
