package org.healthwallet.core.family;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * What a caregiver shows the person who will invite them (as text or QR): the caregiver's ledger
 * key, which the delegation names, and the X25519 key the invitation is sealed to. Public, so it
 * may travel by any channel; a 4-byte checksum catches a mistyped or cut-off code.
 * {@code hwcaregiver:/} + base64url(version 1 || Ed25519 key || X25519 key || SHA-256(those)[0..4]).
 */
public record CaregiverCode(Ed25519PublicKey identity, byte[] sealKey) {
    public static final String PREFIX = "hwcaregiver:/";
    private static final int VERSION = 1;
    private static final int LENGTH = 1 + 32 + 32 + 4;

    public CaregiverCode {
        Objects.requireNonNull(identity, "identity");
        if (sealKey.length != SealKey.PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("a seal key is 32 bytes");
        }
        sealKey = sealKey.clone();
    }

    /** The code of an unlocked wallet. */
    public static CaregiverCode of(Vault vault) {
        try (SealKey seal = SealKey.of(vault::sign)) {
            return new CaregiverCode(new Ed25519PublicKey(vault.identityPublicKey()), seal.publicKey());
        }
    }

    @Override
    public byte[] sealKey() {
        return sealKey.clone();
    }

    public String text() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH).put((byte) VERSION).put(identity.bytes()).put(sealKey);
        bytes.put(checksum(Arrays.copyOf(bytes.array(), LENGTH - 4)));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** Reads a code as pasted or scanned (surrounding spaces allowed). */
    public static CaregiverCode parse(String text) throws FamilyException {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.startsWith(PREFIX)) {
            throw new FamilyException("This is not a HealthWallet caregiver code: it should start with " + PREFIX + ".");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(trimmed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new FamilyException("The caregiver code is damaged (it has characters a code never has). Copy it again.");
        }
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            throw new FamilyException(bytes.length > 0 && bytes[0] != VERSION
                    ? "The caregiver code is from another version of HealthWallet; ask the caregiver to update."
                    : "The caregiver code is incomplete (" + bytes.length + " of " + LENGTH + " bytes). Copy it again.");
        }
        byte[] body = Arrays.copyOf(bytes, LENGTH - 4);
        if (!MessageDigest.isEqual(checksum(body), Arrays.copyOfRange(bytes, LENGTH - 4, LENGTH))) {
            throw new FamilyException("The caregiver code has a typo: its checksum does not match. Copy it again.");
        }
        Ed25519PublicKey identity = new Ed25519PublicKey(Arrays.copyOfRange(bytes, 1, 33));
        if (!identity.isValidPoint()) {
            throw new FamilyException("The caregiver code does not hold a valid key.");
        }
        return new CaregiverCode(identity, Arrays.copyOfRange(bytes, 33, 65));
    }

    private static byte[] checksum(byte[] body) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CaregiverCode c && identity.equals(c.identity) && Arrays.equals(sealKey, c.sealKey);
    }

    @Override
    public int hashCode() {
        return identity.hashCode() * 31 + Arrays.hashCode(sealKey);
    }

    @Override
    public String toString() {
        return "CaregiverCode[" + identity + "]";
    }
}
