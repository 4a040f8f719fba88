package org.healthwallet.node.relay;

import java.io.PrintStream;
import java.util.HexFormat;
import java.util.List;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.ConsortiumConfigException;
import org.healthwallet.ledger.tx.RelayApproval;
import org.healthwallet.node.ForegroundRun;

/**
 * {@code healthwallet node relay}: runs a share relay in the foreground against a consortium until
 * stopped (Ctrl-C or {@link #stop()}). The launcher parses the options and calls {@link #run()}; exit
 * code 0 when stopped, 1 when the relay could not start (message on err), 2 when it is not yet
 * registered on the ledger (err says what the operators must sign).
 */
public final class RelayCommand {
    private final RelayCommandOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final ForegroundRun foreground = new ForegroundRun("relay");

    public RelayCommand(RelayCommandOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public int run() {
        ConsortiumConfig consortium;
        try {
            consortium = ConsortiumConfig.read(options.consortium());
        } catch (ConsortiumConfigException e) {
            err.println("The relay could not start: " + e.getMessage());
            return 1;
        }
        RelayOptions relayOptions = new RelayOptions(options.dataDir(), options.host(), options.port(), options.publicUrl(),
                options.tls(), RelayTuning.DEFAULT.withTraffic(TrafficLimits.DEFAULT.withTrustedProxies(options.trustedProxies())));
        try (RelayServer relay = RelayServer.start(relayOptions, consortium)) {
            List<RelayApproval> approvals = options.approvals().map(RelayRegistration::readApprovals).orElse(List.of());
            try {
                RelayRegistration.admit(relay, consortium.chainId(), approvals);
            } catch (RelayStartException e) {
                // With a cause the ledger could not be asked or read: say that, not "not registered".
                if (!approvals.isEmpty() || e.getCause() != null) {
                    throw e;
                }
                err.println("This relay is not registered on the ledger, so it could not record accesses and would serve nothing.");
                err.println("  relay key:      " + relay.relayKey());
                err.println("  relay URL:      " + relay.url());
                err.println("  admission hash: " + HexFormat.of().formatHex(RelayRegistration.admissionHash(
                        consortium.chainId(), relay.relayKey(), relay.url().toString())));
                err.println("More than two thirds of the consortium's operators sign the admission hash (Ed25519) with their"
                        + " operator key; put their approvals in a JSON file, [{\"operator\": \"<64 hex>\", \"signature\":"
                        + " \"<128 hex>\"}, ...], and start the relay again with --approvals FILE.");
                return 2;
            }
            out.println("HealthWallet share relay at " + relay.url() + " (key " + relay.relayKey() + ")");
            out.println("  ledger:       " + consortium.primary() + " (chain " + consortium.chainId() + ", witnesses "
                    + consortium.witnesses().size() + ")");
            out.println("  data folder:  " + options.dataDir().toAbsolutePath());
            out.println("Every access is written to the ledger before anything is served. Press Ctrl-C to stop.");
            out.flush();
            relay.failure().thenAccept(reason -> foreground.stop());
            foreground.awaitStop();
            if (relay.failure().isDone()) {
                err.println("The relay stopped: " + relay.failure().join() + ". Start it again; see its log for the cause.");
                return 1;
            }
            return 0;
        } catch (RelayStartException | IllegalArgumentException e) {
            err.println("The relay could not start: " + e.getMessage());
            return 1;
        } finally {
            foreground.closed();
        }
    }

    /** Asks {@link #run()} to stop; it closes the relay and returns. */
    public void stop() {
        foreground.stop();
    }
}
