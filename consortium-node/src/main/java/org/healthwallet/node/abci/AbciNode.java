package org.healthwallet.node.abci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

import org.healthwallet.node.ledger.Ledger;
import org.healthwallet.node.ledger.LedgerInfo;

/**
 * The ledger application serving CometBFT: opens the ledger in the data folder and listens for
 * CometBFT's ABCI connections. What {@code healthwallet node abci} runs:
 * <pre>
 *   try (AbciNode node = AbciNode.start(new AbciNodeOptions(port, dataDir))) {
 *       node.awaitClose();   // until close() from a shutdown hook or another thread
 *   }
 * </pre>
 */
public final class AbciNode implements AutoCloseable {
    private final Ledger ledger;
    private final AbciServer server;
    private final CountDownLatch closed = new CountDownLatch(1);

    private AbciNode(Ledger ledger, AbciServer server) {
        this.ledger = ledger;
        this.server = server;
    }

    /**
     * Opens the ledger and binds the port.
     *
     * @throws UncheckedIOException with a readable message if the port cannot be bound
     * @throws IllegalArgumentException if the host is not loopback and the options do not allow that
     */
    public static AbciNode start(AbciNodeOptions options) {
        Ledger ledger = Ledger.open(options.dataDir());
        try {
            return new AbciNode(ledger, new AbciServer(new AbciApp(ledger), options.host(), options.port(),
                    options.allowNonLoopback()));
        } catch (IllegalArgumentException e) {
            ledger.close();
            throw e;
        } catch (IOException e) {
            ledger.close();
            throw new UncheckedIOException("Cannot listen for CometBFT on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    /** Where the ledger stands (for a start-up line such as "height 42, app hash …"). */
    public LedgerInfo info() {
        return ledger.info();
    }

    public Ledger ledger() {
        return ledger;
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (closed.getCount() == 0) return;
        server.close();
        ledger.close();
        closed.countDown();
    }
}
