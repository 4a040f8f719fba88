package org.healthwallet.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.healthwallet.ledger.tx.DecodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionTest {
    private static final HexFormat HEX = HexFormat.of();

    static List<Transaction> examples() {
        return TxExamples.all();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyKindRoundTripsAndItsSignatureVerifiesOnlyOnItsChain(Transaction tx) throws DecodeException {
        byte[] bytes = tx.encode();
        Transaction decoded = Transaction.decode(bytes);
        assertThat(decoded).isEqualTo(tx);
        assertThat(decoded.encode()).isEqualTo(bytes);
        assertThat(decoded.hasValidSignature(TxExamples.CHAIN_ID)).isTrue();
        assertThat(decoded.hasValidSignature("another-chain")).isFalse();
        assertThat(tx.hash()).isEqualTo(Digest.sha256(bytes));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anyChangedByteBreaksTheSignatureOrTheDecoding(Transaction tx) {
        byte[] bytes = tx.encode();
        for (int i = 0; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x01;
            try {
                assertThat(Transaction.decode(bad).hasValidSignature(TxExamples.CHAIN_ID)).as("byte %d", i).isFalse();
            } catch (DecodeException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyTruncationIsRefusedAsTruncated(Transaction tx) {
        byte[] bytes = tx.encode();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> Transaction.decode(cut)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void unknownVersionAndKindAreNamed() {
        byte[] bytes = TxExamples.all().get(0).encode();
        bytes[0] = 2;
        assertThatThrownBy(() -> Transaction.decode(bytes)).isInstanceOf(DecodeException.class)
                .hasMessage("Transaction version 2 is not supported (this ledger reads version 1).")
                .extracting(e -> ((DecodeException) e).reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
        byte[] kind = TxExamples.all().get(0).encode();
        kind[1] = 0x7F;
        assertThatThrownBy(() -> Transaction.decode(kind)).hasMessage("Transaction kind 127 is unknown.");
    }

    @Test
    void trailingBytesAndOversizedInputAreRefused() {
        byte[] bytes = TxExamples.all().get(1).encode();
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> Transaction.decode(longer)).isInstanceOf(DecodeException.class)
                .extracting(e -> ((DecodeException) e).reason()).isEqualTo(Reason.TRAILING_BYTES);
        assertThatThrownBy(() -> Transaction.decode(new byte[Transaction.MAX_LENGTH + 1]))
                .extracting(e -> ((DecodeException) e).reason()).isEqualTo(Reason.TOO_LONG);
        assertThatThrownBy(() -> Transaction.decode(new byte[0])).hasMessage("The transaction is empty.");
    }

    @Test
    void aPayloadLongerThanItsKindNeedsIsRefused() {
        // A revocation payload of 33 bytes: the extra byte is inside the stated payload length.
        byte[] tx = TxExamples.all().get(1).encode();
        byte[] payload = Arrays.copyOfRange(tx, 46, 46 + 32);
        byte[] forged = new BinaryWriter().raw(Arrays.copyOf(tx, 42)).u32(33).raw(payload).u8(0).raw(new byte[64]).toByteArray();
        assertThatThrownBy(() -> Transaction.decode(forged)).hasMessageContaining("grant_revoked payload has 1 unexpected bytes");
    }

    @Test
    void aDelegationScopeMayHoldHandOverAndNoUnknownBit() throws DecodeException {
        DelegationScope guardian = new DelegationScope(DelegationScope.SHARE | DelegationScope.REVOKE
                | DelegationScope.RECORDS | DelegationScope.HAND_OVER);
        assertThat(guardian.toString()).isEqualTo("share+revoke+records+hand-over");
        assertThat(guardian).isEqualTo(DelegationScope.ALL);
        assertThat(new DelegationScope(DelegationScope.SHARE).allows(DelegationScope.HAND_OVER)).isFalse();
        Transaction granted = Transaction.sign(TxExamples.CHAIN_ID, TxExamples.PATIENT, 3, new DelegationGranted(
                TxExamples.PATIENT.publicKey(), TxExamples.CAREGIVER.publicKey(), guardian, 1_798_761_600L));
        assertThat(((DelegationGranted) Transaction.decode(granted.encode()).payload()).scope().allows(DelegationScope.HAND_OVER))
                .isTrue();
        // The scope is the u32 right after the two keys of the payload (header 46 bytes).
        byte[] unknown = granted.encode();
        unknown[46 + 64 + 3] = 0x10;
        assertThatThrownBy(() -> Transaction.decode(unknown)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("scope 0x10 is not a non-empty combination of share(1), revoke(2), records(4), hand-over(8)");
    }

    @Test
    void anAccessCarriesNoRecipientInClearAndItsSealedDetailsAreBounded() {
        Transaction access = TxExamples.all().get(2);
        byte[] bytes = access.encode();
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Dr.");
        int versionAt = 46 + 32; // after the envelope header and the share id
        byte[] unknownVersion = bytes.clone();
        unknownVersion[versionAt] = 2;
        assertThatThrownBy(() -> Transaction.decode(unknownVersion)).hasMessageContaining("sealed details version 2 is not known");
        int lengthAt = versionAt + 1 + 32 + 8; // the u16 ciphertext length
        byte[] tooLong = bytes.clone();
        tooLong[lengthAt] = (byte) 0xFF;
        tooLong[lengthAt + 1] = (byte) 0xFF;
        assertThatThrownBy(() -> Transaction.decode(tooLong)).hasMessageContaining("sealed details are 65535 bytes; they must be 16 to 4053 bytes.");
        assertThatThrownBy(() -> new SealedDetails(new byte[32], 0, new byte[SealedDetails.MAX_CIPHERTEXT_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relayApprovalsMustBeInCanonicalOrder() {
        Transaction registration = TxExamples.all().get(7);
        RelayRegistered payload = (RelayRegistered) registration.payload();
        // Write the approvals reversed by hand: the decoder refuses that order.
        BinaryWriter out = new BinaryWriter().key(payload.relay()).text(payload.url()).u8(payload.approvals().size());
        for (int i = payload.approvals().size() - 1; i >= 0; i--) {
            out.key(payload.approvals().get(i).operator()).raw(payload.approvals().get(i).signature());
        }
        byte[] body = out.toByteArray();
        byte[] tx = new BinaryWriter().u8(1).u8(TxKind.RELAY_REGISTERED.code()).key(registration.signer()).u64(2)
                .u32(body.length).raw(body).raw(new byte[64]).toByteArray();
        assertThatThrownBy(() -> Transaction.decode(tx)).isInstanceOf(DecodeException.class)
                .extracting(e -> ((DecodeException) e).reason()).isEqualTo(Reason.NOT_CANONICAL);
    }

    @Test
    void handOverAcceptanceIsBoundToChainAndKeys() {
        HandOver handOver = (HandOver) TxExamples.all().get(5).payload();
        assertThat(handOver.newKeyAccepted(TxExamples.CHAIN_ID)).isTrue();
        assertThat(handOver.newKeyAccepted("another-chain")).isFalse();
        HandOver swapped = new HandOver(handOver.caregiver(), handOver.dependent(), handOver.newKey(), handOver.newKeySignature());
        assertThat(swapped.newKeyAccepted(TxExamples.CHAIN_ID)).isFalse();
    }

    /** The hex in docs/transactions.md is produced by this code; a change to the format must update the doc. */
    @Test
    void theWorkedExamplesInTheDocsAreWhatTheCodeProduces() throws IOException {
        String doc = Files.readString(Path.of("docs/transactions.md"), StandardCharsets.UTF_8).replaceAll("\\s+", "");
        for (Transaction tx : TxExamples.all()) {
            assertThat(doc).as("%s example", tx.kind().label()).contains(HEX.formatHex(tx.encode()));
            assertThat(doc).as("%s signing hash", tx.kind().label())
                    .contains(HEX.formatHex(tx.signingHash(TxExamples.CHAIN_ID)));
        }
    }

    /** Prints the examples for the docs: run this test and paste its output when the format changes. */
    public static void main(String[] args) {
        for (Transaction tx : TxExamples.all()) {
            System.out.println("### " + tx.kind().label() + " (signer " + tx.signer() + ", nonce " + tx.nonce() + ")");
            System.out.println("signing hash: " + HEX.formatHex(tx.signingHash(TxExamples.CHAIN_ID)));
            System.out.println("tx hash:      " + tx.hash());
            System.out.println(HEX.formatHex(tx.encode()));
        }
    }
}
