package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.PassphraseAdvice;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.vault.PassphraseStrength;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the configuration from the root command, output streams, and
 * reading the passphrase. A subcommand returns its exit code from {@link #call()}; failures are
 * thrown and turned into one line by {@link Cli}.
 */
abstract class WalletCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the passphrase from FILE (default: $HEALTHWALLET_PASSPHRASE).")
    Path passphraseFile;

    HealthWalletCommand root() {
        return (HealthWalletCommand) spec.root().userObject();
    }

    AppConfig config() {
        return root().config();
    }

    VaultHome home() {
        return new VaultHome(config());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    char[] passphrase() {
        return root().secrets().read(passphraseFile, "--passphrase-file", "HEALTHWALLET_PASSPHRASE", "passphrase");
    }

    /**
     * The command line's side of the passphrase rule ({@link PassphraseStrength#strongEnough()}):
     * a weak new passphrase is explained on stderr and the command goes on, so scripts keep working
     * (the app refuses it).
     */
    void warnIfWeak(char[] newPassphrase) {
        PassphraseStrength strength = PassphraseStrength.estimate(newPassphrase);
        if (!strength.strongEnough()) {
            err().println("Warning: this passphrase is easy to guess (strength " + strength.score() + " of 4; the app asks for "
                    + PassphraseStrength.MIN_SCORE + "). " + PassphraseAdvice.explain(strength, new Messages(Locale.ENGLISH)));
            err().flush();
        }
    }

    /**
     * Unlocks the wallet with the given passphrase (the passphrase is wiped either way) and, with
     * {@code --profile}, opens the dependent's wallet in it (closing that closes both).
     */
    OpenWallet unlock() throws Exception {
        OpenWallet owner = unlockOwn();
        java.util.Optional<String> profile = root().profile();
        if (profile.isEmpty()) {
            return owner;
        }
        try {
            org.healthwallet.core.family.Family family = FamilyWiring.family(owner.vault().orElseThrow(), config().dataDir(),
                    config().kdf(), Clock.systemDefaultZone());
            org.healthwallet.core.family.Dependent dependent = family.find(profile.get()).orElseThrow(() -> new CliFailure(
                    "There is no dependent named '" + profile.get() + "' in this wallet; 'healthwallet dependent list' shows them."));
            return FamilyWiring.openDependent(owner, family, dependent, Clock.systemDefaultZone());
        } catch (Exception | Error e) {
            owner.close();
            throw e;
        }
    }

    /** Unlocks the wallet owner's own profile, whatever --profile says. */
    OpenWallet unlockOwn() throws Exception {
        char[] secret = passphrase();
        try {
            return home().unlock(secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
