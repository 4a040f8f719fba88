package org.healthwallet.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes a node or a relay receives as a transaction: {@link Transaction#decode} returns a
 * transaction or throws {@link DecodeException} with a message, nothing else; what it accepts it
 * re-encodes to exactly the same bytes (one encoding per transaction). Seeds: one transaction of
 * each kind (see docs/fuzzing.md).
 */
class TransactionFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] input) throws DecodeException {
        Transaction tx;
        try {
            tx = Transaction.decode(input);
        } catch (DecodeException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(tx.encode()).isEqualTo(input);
        assertThat(Transaction.decode(tx.encode())).isEqualTo(tx);
        tx.hasValidSignature(TxExamples.CHAIN_ID);
    }
}
