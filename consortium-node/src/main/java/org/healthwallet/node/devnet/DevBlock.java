package org.healthwallet.node.devnet;

import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.node.rpc.ExecResult;

/**
 * A committed block of the dev network: its header, the commit that signed it, its transactions,
 * what each did, and the app hash after executing it (which the next header carries).
 */
public record DevBlock(Header header, Commit commit, List<Bytes> txs, List<ExecResult> results, Bytes appHashAfter) {
    public DevBlock {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(appHashAfter, "appHashAfter");
        txs = List.copyOf(txs);
        results = List.copyOf(results);
        if (txs.size() != results.size()) {
            throw new IllegalArgumentException("a block needs one result per transaction");
        }
    }

    public long height() {
        return header.height();
    }

    public BlockId blockId() {
        return commit.blockId();
    }

    public SignedHeader signedHeader() {
        return new SignedHeader(header, commit);
    }
}
