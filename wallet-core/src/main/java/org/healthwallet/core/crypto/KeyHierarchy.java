package org.healthwallet.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys that grow from the 32-byte root secret (the recovery phrase's entropy), each by HKDF
 * with its own label so that knowing one says nothing of another:
 * <ul>
 *   <li>the Ed25519 identity seed, which signs ledger transactions;</li>
 *   <li>the vault master key, which seals every row of the vault file;</li>
 *   <li>the backup key, which seals backup files, so the phrase alone opens a backup.</li>
 * </ul>
 * The labels are part of the file format: changing one makes old phrases derive other keys.
 */
public final class KeyHierarchy implements AutoCloseable {
    public static final int ROOT_SECRET_BYTES = 32;

    private static final byte[] SALT = ascii("HealthWallet key hierarchy v1");
    private static final byte[] IDENTITY = ascii("healthwallet/identity/ed25519");
    private static final byte[] MASTER = ascii("healthwallet/vault/master-key");
    private static final byte[] BACKUP = ascii("healthwallet/backup/key");

    private final byte[] identitySeed;
    private final byte[] masterKey;
    private final byte[] backupKey;

    private KeyHierarchy(byte[] identitySeed, byte[] masterKey, byte[] backupKey) {
        this.identitySeed = identitySeed;
        this.masterKey = masterKey;
        this.backupKey = backupKey;
    }

    public static KeyHierarchy fromRootSecret(byte[] rootSecret) {
        if (rootSecret.length != ROOT_SECRET_BYTES) {
            throw new IllegalArgumentException("the root secret is 32 bytes");
        }
        return new KeyHierarchy(
                Hkdf.sha256(rootSecret, SALT, IDENTITY, 32),
                Hkdf.sha256(rootSecret, SALT, MASTER, 32),
                Hkdf.sha256(rootSecret, SALT, BACKUP, 32));
    }

    /** A copy; the caller wipes it. */
    public byte[] identitySeed() { return identitySeed.clone(); }

    /** A copy; the caller wipes it. */
    public byte[] masterKey() { return masterKey.clone(); }

    /** A copy; the caller wipes it. */
    public byte[] backupKey() { return backupKey.clone(); }

    @Override
    public void close() {
        Arrays.fill(identitySeed, (byte) 0);
        Arrays.fill(masterKey, (byte) 0);
        Arrays.fill(backupKey, (byte) 0);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
