package org.healthwallet.node.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import org.healthwallet.ledger.tx.SigningKey;

/**
 * The relay's Ed25519 key: a 32-byte seed in {@code relay-key} in its data folder, readable by its
 * owner only (mode 600). Created on first start; the key signs every access record, so losing the
 * file means registering a new relay.
 */
final class RelayKeyFile {
    static final String FILE = "relay-key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private RelayKeyFile() {
    }

    /**
     * Reads the key, or creates it when the folder has none.
     *
     * @throws RelayStartException if the file cannot be read or written, or is not a key file
     */
    static SigningKey loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                create(file, random);
            }
            restrict(file);
            byte[] seed = Files.readAllBytes(file);
            try {
                if (seed.length != 32) {
                    throw new RelayStartException("The relay key file " + file + " holds " + seed.length
                            + " bytes, not a 32-byte key; it was not changed. Restore it from a backup or move it away to make a new relay.");
                }
                return SigningKey.fromSeed(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } catch (IOException e) {
            throw new RelayStartException("Cannot read or create the relay key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        Path temp = file.resolveSibling(FILE + ".new");
        try {
            Files.deleteIfExists(temp);
            if (supportsPosix(file)) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(temp);
            }
            Files.write(temp, seed);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // Another relay process created it first; use theirs.
            }
        } finally {
            Arrays.fill(seed, (byte) 0);
            Files.deleteIfExists(temp);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean supportsPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
