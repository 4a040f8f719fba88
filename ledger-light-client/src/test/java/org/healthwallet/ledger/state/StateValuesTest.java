package org.healthwallet.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.Digest;
import org.junit.jupiter.api.Test;

class StateValuesTest {
    private static final Ed25519PublicKey A = StateDocExamplesTest.PATIENT;
    private static final Ed25519PublicKey B = StateDocExamplesTest.RELAY;
    private static final Digest D = StateDocExamplesTest.SHARE;

    @Test
    void everyValueRoundTrips() throws DecodeException {
        GrantRecord grant = new GrantRecord(D, A, Digest.ZERO, 10, B, A, 3, 4);
        assertThat(GrantRecord.decode(grant.encode())).isEqualTo(grant);
        Revocation revocation = new Revocation(A, 7, 8);
        assertThat(Revocation.decode(revocation.encode())).isEqualTo(revocation);
        assertThat(SignerNonce.decode(new SignerNonce(42).encode())).isEqualTo(new SignerNonce(42));
        DelegationRecord delegation = new DelegationRecord(A, B, DelegationScope.ALL, 99, 1, DelegationRecord.Ending.REVOKED, 5);
        assertThat(DelegationRecord.decode(delegation.encode())).isEqualTo(delegation);
        RelayRecord relay = new RelayRecord(B, "https://relay.example", 0);
        assertThat(RelayRecord.decode(relay.encode())).isEqualTo(relay);
        AnchorRecord anchor = new AnchorRecord(A, D, 2, 3);
        assertThat(AnchorRecord.decode(anchor.encode())).isEqualTo(anchor);
        AccessLogHead head = new AccessLogHead(3, D);
        assertThat(AccessLogHead.decode(head.encode())).isEqualTo(head);
        AccessEntry entry = new AccessEntry(0, D, B, "Dr. Zoë Ñ", List.of(D, Digest.ZERO), 5, 6, D);
        assertThat(AccessEntry.decode(entry.encode())).isEqualTo(entry);
        HandOverRecord handOver = new HandOverRecord(B, A, 9);
        assertThat(HandOverRecord.decode(handOver.encode())).isEqualTo(handOver);
        OperatorSet operators = new OperatorSet(List.of(B, A));
        assertThat(OperatorSet.decode(operators.encode()).operators()).containsExactly(operators.operators().toArray(Ed25519PublicKey[]::new));
    }

    @Test
    void aValueOfAnotherTypeOrWithExtraBytesIsRefused() {
        byte[] nonce = new SignerNonce(1).encode();
        assertThatThrownBy(() -> Revocation.decode(nonce)).isInstanceOf(DecodeException.class)
                .hasMessage("These bytes are not a revocation (tag 3, expected 2).");
        byte[] longer = Arrays.copyOf(nonce, nonce.length + 1);
        assertThatThrownBy(() -> SignerNonce.decode(longer)).hasMessageContaining("unexpected bytes");
    }

    @Test
    void theLogHeadChainsEntriesInOrder() {
        AccessEntry first = new AccessEntry(0, D, B, "one", List.of(), 1, 1, D);
        AccessEntry second = new AccessEntry(1, D, B, "two", List.of(), 2, 2, D);
        AccessLogHead head = AccessLogHead.EMPTY.append(first).append(second);
        assertThat(head.length()).isEqualTo(2);
        assertThat(head.head()).isEqualTo(AccessLogHead.chain(AccessLogHead.chain(Digest.ZERO, first.encode()), second.encode()));
        AccessEntry reorderedFirst = new AccessEntry(0, D, B, "two", List.of(), 2, 2, D);
        AccessEntry reorderedSecond = new AccessEntry(1, D, B, "one", List.of(), 1, 1, D);
        assertThat(AccessLogHead.EMPTY.append(reorderedFirst).append(reorderedSecond)).isNotEqualTo(head);
        assertThatThrownBy(() -> AccessLogHead.EMPTY.append(second)).hasMessageContaining("cannot follow a log of length 0");
    }
}
