package org.healthwallet.core.share;

import org.healthwallet.core.vault.Vault;

/** The patient's Ed25519 identity, as far as signing relay requests needs it. */
public interface PatientSigner {
    /** The 32-byte public key. */
    byte[] publicKey();

    /** A 64-byte Ed25519 signature over {@code message}. */
    byte[] sign(byte[] message);

    /** The identity of an unlocked vault. */
    static PatientSigner of(Vault vault) {
        return new PatientSigner() {
            @Override
            public byte[] publicKey() {
                return vault.identityPublicKey();
            }

            @Override
            public byte[] sign(byte[] message) {
                return vault.sign(message);
            }
        };
    }
}
