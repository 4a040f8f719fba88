package org.healthwallet.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.healthwallet.ledger.access.AccessOpener;

/**
 * A wallet's X25519 key for things sealed to it (HPKE, RFC 9180, base mode:
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM): a caregiver's invitation, later the
 * relay's sealed access details. It is derived from the wallet's Ed25519 identity without touching
 * the root secret: the identity signs one fixed, domain-separated message, and since Ed25519
 * signatures are deterministic (RFC 8032), SHA-256 of that signature is the same secret every time
 * and only the identity's holder can compute it. That message is signed for nothing else; every
 * other signed message of HealthWallet starts with its own different domain.
 */
public final class SealKey implements AutoCloseable {
    /** The message whose signature seeds the key; part of the format, never change it. */
    static final byte[] DERIVATION = "HealthWallet seal key v1: derive, never send".getBytes(StandardCharsets.US_ASCII);
    public static final int PUBLIC_KEY_BYTES = 32;

    private final AsymmetricCipherKeyPair pair;
    private final byte[] publicKey;

    private SealKey(AsymmetricCipherKeyPair pair) {
        this.pair = pair;
        this.publicKey = hpke().serializePublicKey(pair.getPublic());
    }

    /** The seal key of the identity that {@code sign} signs with. */
    public static SealKey of(UnaryOperator<byte[]> sign) {
        byte[] signature = sign.apply(DERIVATION.clone());
        byte[] seed = sha256(signature);
        Arrays.fill(signature, (byte) 0);
        try {
            return new SealKey(hpke().deriveKeyPair(seed));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The 32-byte X25519 public key others seal to. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Seals {@code plaintext} to {@code recipient} (a 32-byte X25519 key): the result is the
     * 32-byte encapsulated key followed by the AES-256-GCM ciphertext.
     *
     * @param info binds the box to its purpose (a box made for one use does not open as another)
     */
    public static byte[] seal(byte[] recipient, byte[] info, byte[] plaintext) {
        if (recipient.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 public key is 32 bytes");
        }
        HPKE hpke = hpke();
        try {
            byte[][] sealed = hpke.seal(hpke.deserializePublicKey(recipient), info, new byte[0], plaintext, null, null, null);
            byte[] ciphertext = sealed[0];
            byte[] enc = sealed[1];
            byte[] out = Arrays.copyOf(enc, enc.length + ciphertext.length);
            System.arraycopy(ciphertext, 0, out, enc.length, ciphertext.length);
            return out;
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new IllegalArgumentException("The box could not be sealed to that key: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a box sealed to this key.
     *
     * @throws InvalidCipherTextException the box was made for another key or purpose, or changed
     */
    public byte[] open(byte[] info, byte[] box) throws InvalidCipherTextException {
        HPKE hpke = hpke();
        int encSize = hpke.getEncSize();
        if (box.length < encSize + 16) {
            throw new InvalidCipherTextException("the box is too short");
        }
        byte[] enc = Arrays.copyOfRange(box, 0, encSize);
        byte[] ciphertext = Arrays.copyOfRange(box, encSize, box.length);
        try {
            return hpke.open(enc, pair, info, new byte[0], ciphertext, null, null, null);
        } catch (RuntimeException e) {
            throw new InvalidCipherTextException("the box does not open: " + e.getMessage());
        }
    }

    /** Opens the relays' sealed access details of one sync of the log of chain {@code chainId}. */
    public AccessOpener accessOpener(String chainId) {
        return new AccessOpener(pair, chainId);
    }

    @Override
    public void close() {
        // BouncyCastle's key parameters keep their own copy; nothing of ours to wipe beyond the seed, wiped above.
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
