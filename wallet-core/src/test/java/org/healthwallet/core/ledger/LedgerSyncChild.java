package org.healthwallet.core.ledger;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The other process of {@link SyncWhileImportingTest}: what {@code healthwallet ledger sync} does to a
 * wallet file the app has open. {@code FILE HEIGHTS}: opens the ledger store in the wallet file at
 * FILE (no passphrase) and syncs a generated chain one height at a time, from 2 to HEIGHTS, printing
 * {@code ready} once the chain is made and {@code synced H} after each sync that verified and kept
 * height H; then {@code done}. Every sync writes a header, prunes, and rewrites the notes.
 */
public final class LedgerSyncChild {
    private LedgerSyncChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path file = Path.of(args[0]);
        int heights = Integer.parseInt(args[1]);
        TestChain chain = TestChain.honest(heights);
        // The seal needs the unlocked wallet: taken before the parent unlocks it (it waits for "ready").
        org.healthwallet.ledger.client.RowSeal seal = WalletFiles.seal(file);
        out.println("ready");
        out.flush();
        try (LedgerFile ledger = LedgerFile.open(file, seal)) {
            LedgerConnection connection = LedgerFileTest.connect(ledger, chain, TestChain.time(heights).plusSeconds(1));
            for (int h = 2; h <= heights; h++) {
                LedgerStatus status = connection.sync(SyncRequest.to(h), SyncProgress.NONE);
                if (status.lastOutcome() != SyncOutcome.SYNCED || status.latest().orElseThrow().height() != h) {
                    throw new IllegalStateException("height " + h + ": " + status.lastOutcome() + " " + status.lastMessage());
                }
                out.println("synced " + h);
                out.flush();
            }
        }
        out.println("done");
        out.flush();
    }
}
