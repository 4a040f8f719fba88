package org.healthwallet.node.devnet;

import java.nio.file.Path;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.node.ledger.BlockResult;
import org.healthwallet.node.ledger.Ledger;

/**
 * What CometBFT's handshake does at start: brings the ledger up to the stored blocks. A new ledger
 * gets InitChain (and its app hash is recorded for header 1); stored blocks the ledger has not
 * executed are replayed, each checked against the app hash recorded when it was made.
 */
final class Handshake {
    private Handshake() {
    }

    /**
     * @return the genesis app hash (what header 1 carries)
     * @throws DevNetworkException if the ledger and the block store do not belong together
     */
    static Bytes catchUp(DevGenesis g, BlockStore store, Ledger ledger, Path dataDir) {
        Optional<Bytes> recorded = store.genesisAppHash(g.chainId);
        Bytes genesisAppHash;
        if (ledger.info().lastHeight() == 0) {
            genesisAppHash = Bytes.of(ledger.initChain(g.chainId, g.genesisTime, g.appState(), 1));
            if (recorded.isEmpty()) {
                store.recordGenesis(g.chainId, genesisAppHash);
            } else if (!recorded.get().equals(genesisAppHash)) {
                throw new DevNetworkException("The ledger's genesis state in " + dataDir
                        + " is not the one this chain started from; the data folder is damaged.");
            }
        } else {
            if (!ledger.info().chainId().orElse("").equals(g.chainId)) {
                throw new DevNetworkException("The ledger in " + dataDir + " is chain \""
                        + ledger.info().chainId().orElse("") + "\", not \"" + g.chainId + "\".");
            }
            genesisAppHash = recorded.orElseThrow(() -> new DevNetworkException("The ledger in " + dataDir
                    + " has executed blocks, but the block store " + BlockStore.FILE + " is new; the data folder is damaged."));
        }
        long stored = store.height();
        long executed = ledger.info().lastHeight();
        if (executed > stored) {
            throw new DevNetworkException("The ledger in " + dataDir + " is at height " + executed
                    + " but only " + stored + " blocks are stored; the data folder is damaged.");
        }
        for (long h = executed + 1; h <= stored; h++) {
            DevBlock block = store.block(h).orElseThrow();
            BlockResult result = ledger.finalizeBlock(h, block.header().time(), block.txs().stream().map(Bytes::toArray).toList());
            if (!Bytes.of(result.appHash()).equals(block.appHashAfter())) {
                throw new DevNetworkException("Replaying block " + h + " gives app hash " + Bytes.of(result.appHash())
                        + ", but the chain recorded " + block.appHashAfter() + ". The ledger's rules changed since the"
                        + " block was made, or the data folder is damaged.");
            }
            ledger.commit();
        }
        return genesisAppHash;
    }
}
