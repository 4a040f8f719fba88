package org.healthwallet.node.relay;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A link's passcode as the relay keeps it: PBKDF2-HMAC-SHA256 with a random 16-byte salt and the
 * iteration count stored beside it (so it can be raised for new links), compared in constant time.
 * The passcode itself is never stored or logged.
 */
record PasscodeHash(byte[] salt, int iterations, byte[] hash) {
    /** OWASP's floor for PBKDF2-HMAC-SHA256 is far above 100,000; this is a relay's per-request cost of about 50 ms. */
    static final int DEFAULT_ITERATIONS = 150_000;
    static final int MIN_ITERATIONS = 100_000;
    private static final int HASH_BYTES = 32;

    PasscodeHash {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(hash, "hash");
        if (iterations < 1) throw new IllegalArgumentException("iterations must be positive");
        salt = salt.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    static PasscodeHash of(String passcode, int iterations, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new PasscodeHash(salt, iterations, derive(passcode, salt, iterations));
    }

    /** Whether {@code attempt} is the passcode; the comparison takes the same time wherever they differ. */
    boolean matches(String attempt) {
        return MessageDigest.isEqual(derive(attempt, salt, iterations), hash);
    }

    private static byte[] derive(String passcode, byte[] salt, int iterations) {
        char[] chars = passcode.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String toString() {
        return "PasscodeHash[PBKDF2-HMAC-SHA256, " + iterations + " iterations]";
    }
}
