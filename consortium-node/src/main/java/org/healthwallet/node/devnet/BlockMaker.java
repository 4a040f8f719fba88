package org.healthwallet.node.devnet;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.CanonicalEncoding;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.Merkle;
import org.healthwallet.ledger.cometbft.PartSetHeader;
import org.healthwallet.ledger.cometbft.ProtocolVersion;
import org.healthwallet.ledger.cometbft.TxResult;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.node.abci.AbciApp;
import org.healthwallet.node.rpc.ExecResult;

/**
 * Builds headers and commits as a CometBFT network would: header H carries the app hash and the
 * results hash of block H-1, the hash of commit H-1, and BFT time (the power-weighted median of
 * commit H-1's vote times); commit H holds one precommit per validator in validator-set order,
 * signed over the canonical vote sign bytes, or an absent entry for a validator that is offline.
 */
final class BlockMaker {
    /**
     * How much later than the block a vote is stamped at least. CometBFT uses 1 ms; only "each
     * block later than the one before" is checked by anyone, and 1 µs lets thousands of blocks be
     * produced in a burst without their times running ahead of the wall clock.
     */
    static final Duration TIME_IOTA = Duration.ofNanos(1_000);
    static final ProtocolVersion VERSION = new ProtocolVersion(ProtocolVersion.BLOCK_PROTOCOL, AbciApp.APP_VERSION);
    static final Bytes CONSENSUS_HASH = BlockHashes.consensusHash(DevGenesis.MAX_BLOCK_BYTES, DevGenesis.MAX_BLOCK_GAS);
    static final Bytes EVIDENCE_HASH = BlockHashes.emptyEvidenceHash();
    /** The commit block 1 points back to: none (CometBFT hashes it as the empty Merkle tree). */
    static final Commit NO_COMMIT = new Commit(0, 0, BlockId.EMPTY, List.of());

    private BlockMaker() {
    }

    /**
     * The header of the block after {@code previous} (null for height 1).
     *
     * @param genesisAppHash what InitChain returned; header 1 carries it
     */
    static Header header(String chainId, ValidatorSet validators, DevBlock previous, Bytes genesisAppHash,
                         Instant genesisTime, List<byte[]> txs, Bytes proposer) {
        boolean first = previous == null;
        return Header.builder()
                .version(VERSION)
                .chainId(chainId)
                .height(first ? 1 : previous.height() + 1)
                .time(first ? genesisTime : medianTime(previous.commit(), validators))
                .lastBlockId(first ? BlockId.EMPTY : previous.blockId())
                .lastCommitHash(first ? NO_COMMIT.hash() : previous.commit().hash())
                .dataHash(BlockHashes.dataHash(txs))
                .validatorsHash(validators.hash())
                .nextValidatorsHash(validators.hash())
                .consensusHash(CONSENSUS_HASH)
                .appHash(first ? genesisAppHash : previous.appHashAfter())
                .lastResultsHash(BlockHashes.lastResultsHash(first ? List.of() : hashed(previous.results())))
                .evidenceHash(EVIDENCE_HASH)
                .proposerAddress(proposer)
                .build();
    }

    /**
     * The block id: the header hash and a one-part part set. The part hash stands for the block's
     * serialized bytes (header hash and transactions); CometBFT's part hash is over the protobuf
     * encoding of the block, which no client recomputes.
     */
    static BlockId blockId(Header header, List<byte[]> txs) {
        Bytes hash = header.hash();
        ByteArrayOutputStream part = new ByteArrayOutputStream(32 + txs.stream().mapToInt(t -> t.length).sum());
        part.writeBytes(hash.toArray());
        txs.forEach(part::writeBytes);
        return new BlockId(hash, new PartSetHeader(1, Merkle.root(List.of(part.toByteArray()))));
    }

    /** When the validators vote for a block made at {@code blockTime}, given the clock's {@code now}. */
    static Instant voteTime(Instant blockTime, Instant now) {
        Instant earliest = blockTime.plus(TIME_IOTA);
        return now.isAfter(earliest) ? now : earliest;
    }

    /**
     * The commit for {@code blockId}: validators whose {@code signing[i]} is true sign a precommit
     * stamped {@code voteTime}; the others are absent.
     */
    static Commit commit(String chainId, long height, BlockId blockId, Instant voteTime, List<ValidatorKey> keysInSetOrder,
                         boolean[] signing) {
        // Every precommit for one block and time has the same sign bytes; encode them once.
        byte[] signBytes = CanonicalEncoding.voteSignBytes(chainId, height, 0, blockId, voteTime);
        List<CommitSig> sigs = new ArrayList<>(keysInSetOrder.size());
        for (int i = 0; i < keysInSetOrder.size(); i++) {
            ValidatorKey key = keysInSetOrder.get(i);
            sigs.add(signing[i] ? CommitSig.forBlock(key.address(), voteTime, key.sign(signBytes)) : CommitSig.absent());
        }
        return new Commit(height, 0, blockId, sigs);
    }

    /** CometBFT's MedianTime: the vote time at which half of the signing power is reached. */
    static Instant medianTime(Commit commit, ValidatorSet validators) {
        record Weighted(Instant time, long power) {
        }
        List<Weighted> votes = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < commit.signatures().size(); i++) {
            CommitSig sig = commit.signatures().get(i);
            if (!sig.isAbsent()) {
                long power = validators.get(i).votingPower();
                votes.add(new Weighted(sig.timestamp(), power));
                total += power;
            }
        }
        votes.sort(Comparator.comparing(Weighted::time));
        long median = total / 2;
        for (Weighted w : votes) {
            if (median <= w.power()) {
                return w.time();
            }
            median -= w.power();
        }
        throw new IllegalStateException("commit " + commit.height() + " has no signatures to take a time from");
    }

    /** More than 2/3 of the set's power among {@code signing}. */
    static boolean hasQuorum(ValidatorSet validators, boolean[] signing) {
        long signed = 0;
        for (int i = 0; i < signing.length; i++) {
            if (signing[i]) {
                signed += validators.get(i).votingPower();
            }
        }
        return signed * 3 > validators.totalVotingPower() * 2;
    }

    static List<TxResult> hashed(List<ExecResult> results) {
        return results.stream().map(ExecResult::hashed).toList();
    }
}
