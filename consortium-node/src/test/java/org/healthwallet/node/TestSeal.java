package org.healthwallet.node;

import java.time.Clock;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.healthwallet.ledger.access.AccessDetails;
import org.healthwallet.ledger.access.AccessOpener;
import org.healthwallet.ledger.access.AccessSealer;
import org.healthwallet.ledger.access.DetailsBinding;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.X25519PublicKey;

/**
 * Seal keys for the node's tests: a patient's X25519 seal key derived from its Ed25519 public key
 * (a test shortcut; a wallet derives it from a signature only the patient can make), sealing an
 * access to it as a relay does, and opening an entry as the patient's wallet does.
 */
public final class TestSeal {
    private static final AccessSealer SEALER = new AccessSealer(Clock.systemUTC());

    private TestSeal() {
    }

    private static AsymmetricCipherKeyPair pair(Ed25519PublicKey patient) {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256)
                .deriveKeyPair(Digest.sha256(patient.bytes()).bytes());
    }

    /** The test seal key of {@code patient}, for the grants it issues. */
    public static X25519PublicKey sealTo(Ed25519PublicKey patient) {
        return new X25519PublicKey(new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256)
                .serializePublicKey(pair(patient).getPublic()));
    }

    /** An access record as {@code relay} writes it, its details sealed to {@code patient}'s test seal key. */
    public static AccessRecorded access(String chainId, Ed25519PublicKey relay, Ed25519PublicKey patient, Digest share,
                                        String recipient, long accessedAt) {
        AccessDetails details = new AccessDetails(recipient, java.util.List.of(Digest.sha256(recipient.getBytes())), "", "");
        return new AccessRecorded(share, SEALER.seal(sealTo(patient), new DetailsBinding(chainId, share, relay, accessedAt), details),
                accessedAt);
    }

    /** The entry's details opened with {@code patient}'s test seal key, as its wallet does. */
    public static AccessDetails open(String chainId, Ed25519PublicKey patient, AccessEntry entry) {
        try {
            return new AccessOpener(pair(patient), chainId).open(entry);
        } catch (AccessOpener.Unopenable e) {
            throw new AssertionError("entry " + entry.index() + " does not open: " + e.getMessage(), e);
        }
    }

    /** Who opened the share, from the sealed details. */
    public static String recipient(String chainId, Ed25519PublicKey patient, AccessEntry entry) {
        return open(chainId, patient, entry).recipient();
    }
}
