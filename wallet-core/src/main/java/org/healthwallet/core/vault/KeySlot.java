package org.healthwallet.core.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.healthwallet.core.crypto.AesGcmKey;
import org.healthwallet.core.crypto.Argon2id;

/**
 * The vault master key wrapped under Argon2id(passphrase): the one row a passphrase change
 * rewrites. The associated data covers the slot's version, Argon2id parameters and salt, so none
 * of them can be edited in the file without the wrap failing.
 *
 * @param version bumps with each passphrase change
 * @param kdf the Argon2id cost this wrap was made with
 * @param salt 16 random bytes, new with each wrap
 * @param sealedKey AES-256-GCM box of the 32-byte master key
 */
record KeySlot(int version, KdfParams kdf, byte[] salt, byte[] sealedKey) {
    static final int SLOT = 1;
    private static final byte[] AAD = "HealthWallet/key_slot/v1".getBytes(StandardCharsets.US_ASCII);

    /** Bounds on what a file may ask of this machine, so an edited file cannot demand 100 GB. */
    static boolean plausible(KdfParams kdf) {
        return kdf.memoryKib() <= 4 * 1024 * 1024 && kdf.iterations() <= 1000 && kdf.parallelism() <= 64
                && kdf.memoryKib() >= 8 * kdf.parallelism();
    }

    static KeySlot wrap(byte[] masterKey, char[] passphrase, KdfParams kdf, int version, SecureRandom random,
                        Argon2BytesGenerator.BlockPool pool) {
        if (!plausible(kdf)) {
            throw new IllegalArgumentException("Argon2id parameters out of the supported range");
        }
        byte[] salt = new byte[Argon2id.SALT_BYTES];
        random.nextBytes(salt);
        byte[] wrapping = Argon2id.derive(passphrase, salt, kdf.memoryKib(), kdf.iterations(), kdf.parallelism(), pool);
        try (AesGcmKey key = new AesGcmKey(wrapping, random)) {
            return new KeySlot(version, kdf, salt, key.seal(masterKey, aad(version, kdf, salt)));
        } finally {
            Arrays.fill(wrapping, (byte) 0);
        }
    }

    /** The master key; the caller wipes it. */
    byte[] unwrap(char[] passphrase, SecureRandom random, Argon2BytesGenerator.BlockPool pool)
            throws WrongPassphraseException {
        byte[] wrapping = Argon2id.derive(passphrase, salt, kdf.memoryKib(), kdf.iterations(), kdf.parallelism(), pool);
        try (AesGcmKey key = new AesGcmKey(wrapping, random)) {
            byte[] master = key.open(sealedKey, aad(version, kdf, salt));
            if (master.length != AesGcmKey.KEY_BYTES) {
                throw new WrongPassphraseException();
            }
            return master;
        } catch (AEADBadTagException e) {
            throw new WrongPassphraseException();
        } finally {
            Arrays.fill(wrapping, (byte) 0);
        }
    }

    private static byte[] aad(int version, KdfParams kdf, byte[] salt) {
        return ByteBuffer.allocate(AAD.length + 20 + salt.length).put(AAD)
                .putInt(SLOT).putInt(version).putInt(kdf.memoryKib()).putInt(kdf.iterations()).putInt(kdf.parallelism())
                .put(salt).array();
    }
}
