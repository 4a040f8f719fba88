package org.healthwallet.ledger.tx;

import java.util.Arrays;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/** One consortium operator's signature admitting a relay (see {@link RelayRegistered#admissionHash}). */
public record RelayApproval(Ed25519PublicKey operator, byte[] signature) {
    public RelayApproval {
        Objects.requireNonNull(operator, "operator");
        if (signature == null || signature.length != 64) {
            throw new IllegalArgumentException("an approval signature is exactly 64 bytes");
        }
        signature = signature.clone();
    }

    public static RelayApproval sign(String chainId, SigningKey operator, Ed25519PublicKey relay, String url) {
        return new RelayApproval(operator.publicKey(), operator.sign(RelayRegistered.admissionHash(chainId, relay, url)));
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelayApproval a && operator.equals(a.operator) && Arrays.equals(signature, a.signature);
    }

    @Override
    public int hashCode() {
        return 31 * operator.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "RelayApproval[" + operator + "]";
    }
}
