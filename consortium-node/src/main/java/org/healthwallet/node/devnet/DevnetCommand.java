package org.healthwallet.node.devnet;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.node.ForegroundRun;
import org.healthwallet.node.relay.RelayStartException;

/**
 * {@code healthwallet node devnet}: runs a dev network in the foreground until stopped (Ctrl-C or
 * {@link #stop()}), with its RPC endpoints on loopback and a consortium file in its data folder
 * that wallets pass as {@code --consortium FILE}. The launcher parses the options and calls
 * {@link #run()}; exit code 0 when stopped, 1 when the network could not start (message on err).
 */
public final class DevnetCommand {
    private final DevnetCommandOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final ForegroundRun foreground = new ForegroundRun("devnet");

    public DevnetCommand(DevnetCommandOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public int run() {
        EmbeddedConsortiumOptions embedded = new EmbeddedConsortiumOptions(options.dataDir(), options.validators(),
                options.rpcPort(), EmbeddedConsortiumOptions.DEFAULT_ENDPOINTS, DevNetworkOptions.DEFAULT_EMPTY_BLOCK_INTERVAL,
                true);
        try (EmbeddedConsortium consortium = EmbeddedConsortium.start(embedded)) {
            describe(consortium);
            return foreground.awaitStop();
        } catch (DevNetworkException | UncheckedIOException | IllegalArgumentException | RelayStartException e) {
            err.println("The dev network could not start: " + e.getMessage());
            return 1;
        } finally {
            foreground.closed();
        }
    }

    /** Asks {@link #run()} to stop; it closes the network and returns. */
    public void stop() {
        foreground.stop();
    }

    private void describe(EmbeddedConsortium consortium) {
        DevNetwork network = consortium.network();
        ConsortiumConfig config = consortium.config();
        int n = network.validatorSet().size();
        out.println("HealthWallet dev network \"" + network.chainId() + "\": " + n + " validators, a block needs "
                + (n * 2 / 3 + 1) + " signatures (more than 2/3 of the voting power).");
        out.println("  data folder:     " + options.dataDir().toAbsolutePath());
        out.println("  primary RPC:     " + config.primary());
        List<URI> witnesses = config.witnesses();
        for (URI w : witnesses) {
            out.println("  witness RPC:     " + w);
        }
        consortium.relay().ifPresent(r -> out.println("  share relay:     " + r.url() + " (key " + r.relayKey() + ")"));
        out.println("  checkpoint:      height " + config.checkpoint().height() + ", header " + config.checkpoint().headerHash());
        out.println("  consortium file: " + consortium.configFile().toAbsolutePath());
        out.println("Wallet commands take --consortium " + consortium.configFile().toAbsolutePath() + ". Press Ctrl-C to stop.");
        out.flush();
    }
}
