package org.healthwallet.ledger.tx;

import java.util.Arrays;
import java.util.List;

/** Deterministic keys and one transaction of each kind: the worked examples of docs/transactions.md. */
final class TxExamples {
    static final String CHAIN_ID = "healthwallet-example";

    private TxExamples() {
    }

    static SigningKey key(int fill) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) fill);
        return SigningKey.fromSeed(seed);
    }

    static Digest digest(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return new Digest(bytes);
    }

    static final SigningKey PATIENT = key(0x01);
    static final SigningKey RELAY = key(0x02);
    static final SigningKey CAREGIVER = key(0x03);
    static final SigningKey PROVIDER = key(0x04);
    static final SigningKey NEW_KEY = key(0x05);
    static final SigningKey OPERATOR_A = key(0x0A);
    static final SigningKey OPERATOR_B = key(0x0B);
    static final SigningKey OPERATOR_C = key(0x0C);
    static final String RELAY_URL = "https://relay.example.org";
    /** The patient's seal key in the examples: 32 bytes of 0x55 (a shape, not a derived key). */
    static final X25519PublicKey SEAL_TO = new X25519PublicKey(filled(0x55, 32));
    /** An example box of the right shape: enc 66…, counter 0, 48 bytes of 77… as ciphertext and tag. */
    static final SealedDetails SEALED = new SealedDetails(filled(0x66, 32), 0, filled(0x77, 48));

    static byte[] filled(int fill, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    static List<Transaction> all() {
        return List.of(
                Transaction.sign(CHAIN_ID, PATIENT, 1, new GrantIssued(digest(0x11), PATIENT.publicKey(), digest(0x22),
                        1_767_225_600L, RELAY.publicKey(), SEAL_TO)),
                Transaction.sign(CHAIN_ID, PATIENT, 2, new GrantRevoked(digest(0x11))),
                Transaction.sign(CHAIN_ID, RELAY, 1, new AccessRecorded(digest(0x11), SEALED, 1_767_139_200L)),
                Transaction.sign(CHAIN_ID, PATIENT, 3, new DelegationGranted(PATIENT.publicKey(), CAREGIVER.publicKey(),
                        new DelegationScope(DelegationScope.SHARE | DelegationScope.REVOKE), 1_798_761_600L)),
                Transaction.sign(CHAIN_ID, CAREGIVER, 1, new DelegationRevoked(PATIENT.publicKey(), CAREGIVER.publicKey())),
                Transaction.sign(CHAIN_ID, PATIENT, 4,
                        HandOver.accepted(CHAIN_ID, PATIENT.publicKey(), CAREGIVER.publicKey(), NEW_KEY)),
                Transaction.sign(CHAIN_ID, PROVIDER, 1, new RecordAnchored(digest(0x44))),
                Transaction.sign(CHAIN_ID, RELAY, 2, new RelayRegistered(RELAY.publicKey(), RELAY_URL, List.of(
                        RelayApproval.sign(CHAIN_ID, OPERATOR_A, RELAY.publicKey(), RELAY_URL),
                        RelayApproval.sign(CHAIN_ID, OPERATOR_B, RELAY.publicKey(), RELAY_URL),
                        RelayApproval.sign(CHAIN_ID, OPERATOR_C, RELAY.publicKey(), RELAY_URL)))));
    }
}
