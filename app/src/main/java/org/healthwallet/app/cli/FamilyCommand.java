package org.healthwallet.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.wallet.OpenWallet;
import picocli.CommandLine.Option;

/**
 * What the {@code dependent} and {@code caregiver} commands share: the owner's wallet unlocked (a
 * caregiver acts with their own key, whatever --profile names) and wired to the consortium, which
 * is started only when the action needs the ledger or the relay.
 */
abstract class FamilyCommand extends WalletCommand {
    @Option(names = "--consortium", paramLabel = "FILE",
            description = "The consortium configuration (default: $HEALTHWALLET_CONSORTIUM, else the embedded "
                    + "dev network and its relay on loopback).")
    Path consortium;

    @Override
    public Integer call() throws Exception {
        check();
        AppConfig config = consortium == null ? config() : config().withConsortiumFile(consortium);
        try (OpenWallet owner = unlockOwn();
             ConsortiumSource source = ConsortiumSource.of(config);
             FamilyWiring family = FamilyWiring.of(owner, config.dataDir(), config.kdf(), source, Clock.systemDefaultZone())) {
            return run(family, config);
        }
    }

    /** Checks the arguments before the wallet is opened. */
    void check() {
    }

    abstract int run(FamilyWiring family, AppConfig config) throws Exception;
}
