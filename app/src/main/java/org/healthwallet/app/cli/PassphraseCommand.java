package org.healthwallet.app.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.healthwallet.app.wallet.OpenWallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "passphrase", description = "Manage the wallet's passphrase.",
        subcommands = PassphraseCommand.Change.class)
final class PassphraseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Alone, it says which subcommands there are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.EXIT_USAGE;
    }

    @Command(name = "change",
            description = "Change the passphrase. The current one comes from $HEALTHWALLET_PASSPHRASE or "
                    + "--passphrase-file, the new one from $HEALTHWALLET_NEW_PASSPHRASE or --new-passphrase-file.")
    static final class Change extends WalletCommand {
        @Option(names = "--new-passphrase-file", paramLabel = "FILE",
                description = "Read the new passphrase from FILE (default: $HEALTHWALLET_NEW_PASSPHRASE).")
        Path newPassphraseFile;

        @Override
        public Integer call() throws Exception {
            char[] next = root().secrets().read(newPassphraseFile, "--new-passphrase-file",
                    "HEALTHWALLET_NEW_PASSPHRASE", "new passphrase");
            char[] current = passphrase();
            try (OpenWallet wallet = home().unlock(current)) {
                warnIfWeak(next);
                wallet.changePassphrase(current, next);
                out().println("Changed the passphrase. The old one no longer opens this wallet.");
            } finally {
                Arrays.fill(current, '\0');
                Arrays.fill(next, '\0');
            }
            return Cli.EXIT_OK;
        }
    }
}
