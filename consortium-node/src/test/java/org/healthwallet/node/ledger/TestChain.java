package org.healthwallet.node.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.tx.Payload;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;

/**
 * A ledger in a temporary folder with a genesis of three operators and one relay, and helpers to
 * sign with the right next nonce and to run blocks. Used by the state machine's tests.
 */
final class TestChain implements AutoCloseable {
    static final String CHAIN_ID = "healthwallet-test";
    static final Instant GENESIS = Instant.parse("2026-03-01T08:00:00Z");
    static final String RELAY_URL = "https://relay.test.example";

    static SigningKey key(String name) {
        byte[] seed = Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), 32);
        return SigningKey.fromSeed(seed);
    }

    final SigningKey patient = key("patient");
    final SigningKey relay = key("relay");
    final SigningKey caregiver = key("caregiver");
    final SigningKey stranger = key("stranger");
    final SigningKey provider = key("provider");
    final List<SigningKey> operators = List.of(key("operator-1"), key("operator-2"), key("operator-3"));

    final Path dir;
    Ledger ledger;
    long height;
    Instant time = GENESIS;
    private final Map<Ed25519PublicKey, Long> nonces = new HashMap<>();

    TestChain(Path dir) {
        this.dir = dir;
        this.ledger = Ledger.open(dir);
        GenesisState genesis = new GenesisState(
                new OperatorSet(operators.stream().map(SigningKey::publicKey).toList()),
                List.of(new RelayRecord(relay.publicKey(), RELAY_URL, 0)));
        ledger.initChain(CHAIN_ID, GENESIS, genesis.toJson().getBytes(StandardCharsets.UTF_8), 1);
    }

    /** Signs with the signer's next nonce (as a wallet that tracks its nonce would). */
    byte[] sign(SigningKey signer, Payload payload) {
        long nonce = nonces.merge(signer.publicKey(), 1L, Long::sum);
        return Transaction.sign(CHAIN_ID, signer, nonce, payload).encode();
    }

    /** Signs with an explicit nonce (does not advance the tracked one). */
    byte[] signWithNonce(SigningKey signer, long nonce, Payload payload) {
        return Transaction.sign(CHAIN_ID, signer, nonce, payload).encode();
    }

    /** Forgets a nonce the test spent on a transaction the ledger refused. */
    void unspend(SigningKey signer) {
        nonces.merge(signer.publicKey(), -1L, Long::sum);
    }

    BlockResult block(byte[]... txs) {
        height++;
        time = time.plusSeconds(5);
        BlockResult result = ledger.finalizeBlock(height, time, List.of(txs));
        ledger.commit();
        return result;
    }

    /** Runs one transaction in its own block and returns its outcome. */
    TxOutcome run(byte[] tx) {
        return block(tx).outcomes().get(0);
    }

    long unixTime() {
        return time.getEpochSecond();
    }

    void reopen() {
        ledger.close();
        ledger = Ledger.open(dir);
    }

    @Override
    public void close() {
        ledger.close();
    }
}
