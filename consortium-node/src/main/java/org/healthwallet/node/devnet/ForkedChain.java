package org.healthwallet.node.devnet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.Merkle;

/**
 * The conflicting chain a misbehaving node serves from {@link Misbehaviour#fromHeight()} on: each
 * block as the honest one but with an app hash no honest execution produced, linked to the
 * conflicting block before it, and committed by the colluding validators' real keys. Built on
 * demand and kept, so every client of the node sees the same lie.
 */
final class ForkedChain {
    private static final byte[] LABEL = "healthwallet/devnet/conflicting-state".getBytes(StandardCharsets.US_ASCII);

    private final DevNetwork network;
    private final Misbehaviour misbehaviour;
    private final boolean[] signing;
    private final Map<Long, DevBlock> forged = new HashMap<>();

    ForkedChain(DevNetwork network, Misbehaviour misbehaviour) {
        this.network = network;
        this.misbehaviour = misbehaviour;
        int n = network.validatorSet().size();
        this.signing = new boolean[n];
        for (int i = 0; i < n; i++) {
            signing[i] = misbehaviour.colluders().isEmpty() || misbehaviour.colluders().contains(i);
        }
        for (int i : misbehaviour.colluders()) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("There is no validator " + i + "; this network has " + n + ".");
            }
        }
    }

    long fromHeight() {
        return misbehaviour.fromHeight();
    }

    /** The block this node shows at {@code height}: the forged one from the fork height on. */
    synchronized Optional<DevBlock> block(long height) {
        if (height < misbehaviour.fromHeight()) {
            return network.block(height);
        }
        DevBlock cached = forged.get(height);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (height > network.height()) {
            return Optional.empty();
        }
        // Build upwards from the last forged block, so each links to the forged one before it.
        long start = height;
        while (start > misbehaviour.fromHeight() && !forged.containsKey(start - 1)) {
            start--;
        }
        for (long h = start; h <= height; h++) {
            forged.put(h, forge(network.block(h).orElseThrow(), h == misbehaviour.fromHeight() ? null : forged.get(h - 1)));
        }
        return Optional.of(forged.get(height));
    }

    private DevBlock forge(DevBlock honest, DevBlock forgedPrevious) {
        Header.Builder builder = honest.header().toBuilder()
                .appHash(Merkle.sha256(LABEL, honest.header().appHash().toArray()));
        if (forgedPrevious != null) {
            builder.lastBlockId(forgedPrevious.blockId()).lastCommitHash(forgedPrevious.commit().hash());
        }
        Header header = builder.build();
        List<byte[]> txs = honest.txs().stream().map(Bytes::toArray).toList();
        BlockId id = BlockMaker.blockId(header, txs);
        Commit commit = BlockMaker.commit(header.chainId(), header.height(), id, voteTime(honest), network.keys(), signing);
        return new DevBlock(header, commit, honest.txs(), honest.results(), honest.appHashAfter());
    }

    private static Instant voteTime(DevBlock honest) {
        for (CommitSig sig : honest.commit().signatures()) {
            if (!sig.isAbsent()) {
                return sig.timestamp();
            }
        }
        return BlockMaker.voteTime(honest.header().time(), honest.header().time());
    }
}
