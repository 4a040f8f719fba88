package org.healthwallet.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.Set;

/**
 * The engineer's record of unexpected failures: where the code broke, never what the patient's
 * data said. Exception messages are left out on purpose, because parsers and drivers quote the
 * input they choked on, and that input is health data.
 *
 * <p>The file is opened without following a symbolic link and created readable by its owner only,
 * so a link planted where the log goes cannot make the app write over another of the user's files.
 */
public final class ErrorLog {
    private static final long MAX_BYTES = 1_000_000; // one rotation keeps the folder small
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);

    private final Path file;
    private final boolean privateFolder;

    public ErrorLog(Path file) {
        this(file, false);
    }

    private ErrorLog(Path file, boolean privateFolder) {
        this.file = file;
        this.privateFolder = privateFolder;
    }

    /**
     * The log for when the data folder is unknown: in a folder of this user's own under the shared
     * temporary folder ({@code healthwallet-USER}, mode 0700), never in {@code /tmp} itself, where
     * anyone can plant a link. A folder of that name that is a link, is someone else's or is open
     * to others is refused: nothing is written.
     */
    public static ErrorLog inTemporaryFolder(Path temporaryFolder, String user) {
        String name = "healthwallet-" + user.replaceAll("[^A-Za-z0-9._-]", "_");
        return new ErrorLog(temporaryFolder.resolve(name).resolve("healthwallet.log"), true);
    }

    public Path file() {
        return file;
    }

    /**
     * Appends the failure (exception types and stack frames, causes included) and returns the
     * file, or {@code null} when even the log could not be written.
     */
    public Path record(String context, Throwable failure) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(Instant.now() + " " + context);
        Throwable t = failure;
        String prefix = "";
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            out.println(prefix + t.getClass().getName());
            for (StackTraceElement frame : t.getStackTrace()) {
                out.println("\tat " + frame);
            }
            prefix = "Caused by: ";
        }
        out.println();
        out.flush();
        try {
            if (privateFolder) {
                ensurePrivateFolder(file.getParent());
            } else {
                Files.createDirectories(file.getParent());
            }
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) > MAX_BYTES) {
                // A rename moves a link itself, never what it points to.
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            try (SeekableByteChannel channel = open(file)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            return file;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null; // a link where the file goes ends here too (O_NOFOLLOW: "too many levels of symbolic links")
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static SeekableByteChannel open(Path file) throws IOException {
        return posix(file)
                ? Files.newByteChannel(file, APPEND, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.newByteChannel(file, APPEND);
    }

    /** Creates the folder 0700, or accepts an existing one only if it is a real folder, ours and closed to others. */
    private static void ensurePrivateFolder(Path folder) throws IOException {
        if (!posix(folder)) {
            Files.createDirectories(folder); // Windows: the temporary folder is already the user's own
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("not a folder: " + folder);
            }
            return;
        }
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        } catch (FileAlreadyExistsException existing) {
            // Checked below: it may be an attacker's.
        }
        PosixFileAttributes seen = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = folder.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!seen.isDirectory() || !seen.owner().equals(me) || !seen.permissions().equals(OWNER_ONLY_FOLDER)) {
            throw new IOException("not a private folder of this user: " + folder);
        }
    }

    /** A one-line name for a failure the user can repeat to a helper: the type, and a short message. */
    public static String shortDescription(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return name;
        }
        String line = message.lines().findFirst().orElse("").strip();
        if (line.length() > 120) {
            line = line.substring(0, 117) + "...";
        }
        return name + ": " + line;
    }
}
