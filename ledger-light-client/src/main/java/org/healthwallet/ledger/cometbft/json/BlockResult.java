package org.healthwallet.ledger.cometbft.json;

import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.Header;

/** The result of /block: its id, header, transactions, and the commit of the previous block. */
public record BlockResult(BlockId blockId, Header header, List<Bytes> txs, Commit lastCommit) {
    public BlockResult {
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(lastCommit, "lastCommit");
        txs = List.copyOf(txs);
    }
}
