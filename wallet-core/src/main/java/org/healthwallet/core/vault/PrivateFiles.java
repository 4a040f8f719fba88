package org.healthwallet.core.vault;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Makes the wallet's files and folders readable by the patient's account alone: 0600 files and
 * 0700 folders on POSIX systems, given at creation (an open(2)/mkdir(2) mode, which umask can only
 * narrow), so there is no moment when another account can open them. SQLite gives the journal it
 * makes beside a vault file that file's own mode, so a vault created here keeps its journals 0600
 * too. Elsewhere (Windows) the files get the system's defaults: the profile folder is private there.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /**
     * Creates {@code folder} (0700) when it is missing; missing parents above it are made as the
     * system makes folders (they are not the wallet's: {@code ~/.local/share}, say). An existing
     * folder is left as it is.
     */
    static void createFolder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, attributes(absolute, FOLDER_MODE));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }

    /** Creates an empty file (0600); refuses when anything is there already. */
    static void createFile(Path file) throws IOException {
        Files.createFile(file, attributes(file, FILE_MODE));
    }

    /**
     * Takes group and other permissions off a file an earlier build made (0644), keeping the
     * owner's: for wallet files that already exist. Quietly leaves a file it cannot change.
     */
    static void restrictExisting(Path... files) {
        for (Path file : files) {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                restrict(file);
            }
        }
    }

    private static void restrict(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
            for (PosixFilePermission p : mode) {
                if (p.name().startsWith("OWNER_")) {
                    owner.add(p);
                }
            }
            if (!owner.equals(mode)) {
                Files.setPosixFilePermissions(file, owner);
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not the owner, or a file system without modes: left as it is.
        }
    }

    /** The attributes that make a new file at {@code where} private, for {@code FileChannel.open} and the like. */
    static FileAttribute<?>[] fileAttributes(Path where) {
        return attributes(where, FILE_MODE);
    }

    /** Options for a lock or temporary file created private; see {@link #fileAttributes}. */
    static Set<OpenOption> createOrWrite() {
        return Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static FileAttribute<?>[] attributes(Path where, Set<PosixFilePermission> mode) {
        if (!where.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
    }
}
