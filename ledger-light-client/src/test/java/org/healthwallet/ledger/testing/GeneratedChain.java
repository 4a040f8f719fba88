package org.healthwallet.ledger.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
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
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.cometbft.ValidatorSet;

/**
 * A CometBFT chain made in the test: real header hashes linked by last block id, real Ed25519
 * commits over canonical sign bytes. Headers are hashed once, in order, when the chain is made;
 * commits are signed only for the heights someone asks for, so 10,000 heights cost little.
 */
public final class GeneratedChain {
    /** Who validates from a height on: keys and their powers. */
    public record Era(long fromHeight, List<ValidatorKey> keys, List<Long> powers) {
        ValidatorSet set() {
            List<Validator> vs = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                vs.add(keys.get(i).validator(powers.get(i)));
            }
            return ValidatorSet.of(vs);
        }
    }

    private final String chainId;
    private final Instant genesis;
    private final Duration interval;
    private final List<Era> eras;
    private final List<ValidatorSet> sets = new ArrayList<>();
    private final Map<Bytes, ValidatorKey> keyByAddress = new ConcurrentHashMap<>();
    private final LongFunction<Set<Bytes>> offline;
    private final LongFunction<String> appState;
    private final Bytes[] blockHashes;
    private final Map<Long, LightBlock> signed = new ConcurrentHashMap<>();

    /**
     * @param offline  for a height, the addresses of validators that do not sign it
     * @param appState for a height, a label hashed into the app hash (a fork uses other labels)
     */
    public GeneratedChain(String chainId, Instant genesis, Duration interval, List<Era> eras, long heights,
                          LongFunction<Set<Bytes>> offline, LongFunction<String> appState) {
        this.chainId = chainId;
        this.genesis = genesis;
        this.interval = interval;
        this.eras = List.copyOf(eras);
        this.offline = offline;
        this.appState = appState;
        for (Era e : eras) {
            sets.add(e.set());
            e.keys().forEach(k -> keyByAddress.put(k.address(), k));
        }
        this.blockHashes = new Bytes[(int) heights + 1];
        for (long h = 1; h <= heights; h++) {
            blockHashes[(int) h] = header(h).hash();
        }
    }

    public static GeneratedChain stable(String chainId, List<ValidatorKey> keys, long heights, Instant genesis) {
        List<Long> powers = keys.stream().map(k -> 10L).toList();
        return new GeneratedChain(chainId, genesis, Duration.ofSeconds(1), List.of(new Era(1, keys, powers)),
                heights, h -> Set.of(), h -> "honest");
    }

    /** Deterministic keys: the same seed gives the same validators. */
    public static List<ValidatorKey> keys(int count, String seed) {
        List<ValidatorKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(ValidatorKey.fromSeed(Merkle.sha256((seed + "/" + i).getBytes(StandardCharsets.UTF_8))));
        }
        return keys;
    }

    public String chainId() {
        return chainId;
    }

    public long latestHeight() {
        return blockHashes.length - 1;
    }

    public Instant time(long height) {
        return genesis.plus(interval.multipliedBy(height));
    }

    public ValidatorSet validators(long height) {
        int at = 0;
        for (int i = 0; i < eras.size(); i++) {
            if (eras.get(i).fromHeight() <= height) {
                at = i;
            }
        }
        return sets.get(at);
    }

    public ValidatorKey key(Bytes address) {
        return keyByAddress.get(address);
    }

    public Header header(long height) {
        BlockId last = height == 1 ? BlockId.EMPTY : blockId(blockHashes[(int) height - 1]);
        ValidatorSet vals = validators(height);
        return Header.builder()
                .chainId(chainId)
                .height(height)
                .time(time(height))
                .lastBlockId(last)
                .lastCommitHash(height == 1 ? Bytes.EMPTY : Merkle.sha256(("commit " + (height - 1)).getBytes(StandardCharsets.UTF_8)))
                .dataHash(BlockHashes.dataHash(List.of()))
                .validatorsHash(vals.hash())
                .nextValidatorsHash(validators(height + 1).hash())
                .consensusHash(BlockHashes.consensusHash(22020096, -1))
                .appHash(Merkle.sha256(ByteBuffer.allocate(8).putLong(height).array(),
                        appState.apply(height).getBytes(StandardCharsets.UTF_8)))
                .lastResultsHash(BlockHashes.lastResultsHash(List.of()))
                .evidenceHash(BlockHashes.emptyEvidenceHash())
                .proposerAddress(vals.get((int) (height % vals.size())).address())
                .build();
    }

    public static BlockId blockId(Bytes headerHash) {
        return new BlockId(headerHash, new PartSetHeader(1, Merkle.sha256(headerHash.toArray())));
    }

    /** The light block at a height, signed by every validator not offline at that height. */
    public LightBlock lightBlock(long height) {
        if (height < 1 || height > latestHeight()) {
            throw new IllegalArgumentException("no block at height " + height);
        }
        return signed.computeIfAbsent(height, h -> {
            Header header = header(h);
            Commit commit = sign(header, validators(h), offline.apply(h));
            return new LightBlock(new SignedHeader(header, commit), validators(h), validators(h + 1));
        });
    }

    /** A commit of {@code header} by {@code set}, leaving out the given signers. */
    public Commit sign(Header header, ValidatorSet set, Set<Bytes> absent) {
        BlockId id = blockId(header.hash());
        List<CommitSig> sigs = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            Validator v = set.get(i);
            if (absent.contains(v.address())) {
                sigs.add(CommitSig.absent());
            } else {
                sigs.add(key(v.address()).signPrecommit(header.chainId(), header.height(), 0, id,
                        header.time().plusMillis(i + 1)));
            }
        }
        return new Commit(header.height(), 0, id, sigs);
    }
}
