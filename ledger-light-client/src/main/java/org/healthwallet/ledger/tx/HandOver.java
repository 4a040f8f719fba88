package org.healthwallet.ledger.tx;

import java.util.Arrays;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * The dependent takes charge: the caregiver's delegation ends, the dependent's old key (which the
 * caregiver held) is retired and {@code newKey} succeeds it. {@code newKey} proves it exists and
 * agrees by signing {@link #acceptanceHash(String)}. Signed by the old dependent key or by the
 * caregiver under an active delegation.
 */
public record HandOver(Ed25519PublicKey dependent, Ed25519PublicKey caregiver, Ed25519PublicKey newKey,
                       byte[] newKeySignature) implements Payload {
    public HandOver {
        Objects.requireNonNull(dependent, "dependent");
        Objects.requireNonNull(caregiver, "caregiver");
        Objects.requireNonNull(newKey, "newKey");
        if (newKeySignature == null || newKeySignature.length != 64) {
            throw new IllegalArgumentException("the new key's signature is exactly 64 bytes");
        }
        newKeySignature = newKeySignature.clone();
    }

    /** Builds a hand-over with the new key's acceptance signed here. */
    public static HandOver accepted(String chainId, Ed25519PublicKey dependent, Ed25519PublicKey caregiver,
                                    SigningKey newKey) {
        byte[] hash = acceptanceHash(chainId, dependent, caregiver, newKey.publicKey());
        return new HandOver(dependent, caregiver, newKey.publicKey(), newKey.sign(hash));
    }

    /** What the new key signs: {@code HAND_OVER_ACCEPTANCE(chainId, dependent || caregiver || newKey)}. */
    public static byte[] acceptanceHash(String chainId, Ed25519PublicKey dependent, Ed25519PublicKey caregiver,
                                        Ed25519PublicKey newKey) {
        byte[] body = new BinaryWriter(96).key(dependent).key(caregiver).key(newKey).toByteArray();
        return SigningDomain.HAND_OVER_ACCEPTANCE.hash(chainId, body);
    }

    public byte[] acceptanceHash(String chainId) {
        return acceptanceHash(chainId, dependent, caregiver, newKey);
    }

    public boolean newKeyAccepted(String chainId) {
        return newKey.verify(acceptanceHash(chainId), newKeySignature);
    }

    @Override
    public byte[] newKeySignature() {
        return newKeySignature.clone();
    }

    @Override
    public TxKind kind() {
        return TxKind.HAND_OVER;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.key(dependent).key(caregiver).key(newKey).raw(newKeySignature);
    }

    static HandOver read(BinaryReader in) throws DecodeException {
        return new HandOver(in.key("dependent key"), in.key("caregiver key"), in.key("new key"),
                in.raw(64, "new key signature"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandOver h && dependent.equals(h.dependent) && caregiver.equals(h.caregiver)
                && newKey.equals(h.newKey) && Arrays.equals(newKeySignature, h.newKeySignature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dependent, caregiver, newKey, Arrays.hashCode(newKeySignature));
    }

    @Override
    public String toString() {
        return "HandOver[dependent=" + dependent + ", caregiver=" + caregiver + ", newKey=" + newKey + "]";
    }
}
