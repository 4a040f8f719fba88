package org.healthwallet.core.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.healthwallet.ledger.client.InMemoryProvider;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.Merkle;
import org.healthwallet.ledger.cometbft.PartSetHeader;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.cometbft.ValidatorSet;

/**
 * A small CometBFT chain made in the test: four validators of power 10, one block a second, real
 * header hashes and Ed25519 commits. A chain made with another app-state label from some height
 * on, by the same validators, is a fork that verifies on its own (a lunatic attack).
 */
final class TestChain {
    static final String CHAIN_ID = "healthwallet-test";
    static final Instant GENESIS = Instant.parse("2026-01-05T09:00:00Z");

    private final List<ValidatorKey> keys;
    private final ValidatorSet set;
    private final List<LightBlock> blocks = new ArrayList<>();

    /**
     * @param label   for a height, a word hashed into its app hash (a fork uses another)
     * @param signers for a height, the indexes (in validator-set order) of the validators that sign it
     */
    TestChain(int heights, LongFunction<String> label, LongFunction<Set<Integer>> signers) {
        keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(ValidatorKey.fromSeed(Merkle.sha256(("validator " + i).getBytes(StandardCharsets.UTF_8))));
        }
        set = ValidatorSet.of(keys.stream().map(k -> k.validator(10)).toList());
        BlockId lastId = BlockId.EMPTY;
        Commit lastCommit = null;
        for (long h = 1; h <= heights; h++) {
            Header header = Header.builder()
                    .chainId(CHAIN_ID)
                    .height(h)
                    .time(time(h))
                    .lastBlockId(lastId)
                    .lastCommitHash(lastCommit == null ? Bytes.EMPTY : lastCommit.hash())
                    .dataHash(BlockHashes.dataHash(List.of()))
                    .validatorsHash(set.hash())
                    .nextValidatorsHash(set.hash())
                    .consensusHash(BlockHashes.consensusHash(22020096, -1))
                    .appHash(Merkle.sha256(("state " + h + " " + label.apply(h)).getBytes(StandardCharsets.UTF_8)))
                    .lastResultsHash(BlockHashes.lastResultsHash(List.of()))
                    .evidenceHash(BlockHashes.emptyEvidenceHash())
                    .proposerAddress(set.get((int) (h % set.size())).address())
                    .build();
            BlockId id = new BlockId(header.hash(), new PartSetHeader(1, Merkle.sha256(header.hash().toArray())));
            Set<Integer> signing = signers.apply(h);
            List<CommitSig> sigs = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                sigs.add(signing.contains(i)
                        ? key(i).signPrecommit(CHAIN_ID, h, 0, id, header.time().plusMillis(100 + i))
                        : CommitSig.absent());
            }
            Commit commit = new Commit(h, 0, id, sigs);
            blocks.add(new LightBlock(new SignedHeader(header, commit), set, set));
            lastId = id;
            lastCommit = commit;
        }
    }

    /** Every validator signs every block. */
    static TestChain honest(int heights) {
        return new TestChain(heights, h -> "honest", h -> Set.of(0, 1, 2, 3));
    }

    static Instant time(long height) {
        return GENESIS.plusSeconds(height);
    }

    LightBlock block(long height) {
        return blocks.get((int) height - 1);
    }

    long latestHeight() {
        return blocks.size();
    }

    InMemoryProvider provider(String id) {
        return InMemoryProvider.of(id, blocks);
    }

    private ValidatorKey key(int index) {
        Bytes address = set.get(index).address();
        return keys.stream().filter(k -> k.address().equals(address)).findFirst().orElseThrow();
    }
}
