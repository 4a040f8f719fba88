package org.healthwallet.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.vault.RecoveryPhrase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore",
        description = "Restore your wallet into the data folder from a backup file and the recovery phrase, "
                + "under a new passphrase ($HEALTHWALLET_NEW_PASSPHRASE or --new-passphrase-file).")
final class RestoreCommand extends WalletCommand {
    @Option(names = "--backup", paramLabel = "FILE", required = true, description = "The backup file.")
    Path backup;

    @Option(names = "--phrase-file", paramLabel = "FILE",
            description = "Read the 24-word recovery phrase from FILE (default: $HEALTHWALLET_RECOVERY_PHRASE).")
    Path phraseFile;

    @Option(names = "--new-passphrase-file", paramLabel = "FILE",
            description = "Read the restored wallet's passphrase from FILE (default: $HEALTHWALLET_NEW_PASSPHRASE).")
    Path newPassphraseFile;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(backup)) {
            throw new CliFailure("There is no backup file " + backup + ".");
        }
        char[] words = root().secrets().read(phraseFile, "--phrase-file", "HEALTHWALLET_RECOVERY_PHRASE", "recovery phrase");
        RecoveryPhrase phrase;
        try {
            phrase = RecoveryPhrase.parse(new String(words));
        } finally {
            Arrays.fill(words, '\0');
        }
        char[] next = root().secrets().read(newPassphraseFile, "--new-passphrase-file",
                "HEALTHWALLET_NEW_PASSPHRASE", "new passphrase");
        warnIfWeak(next);
        try (OpenWallet wallet = home().restore(backup, phrase, next)) {
            out().println("Restored your wallet (" + wallet.index().size() + " records) into "
                    + config().dataDir() + ".");
        } finally {
            Arrays.fill(next, '\0');
        }
        return Cli.EXIT_OK;
    }
}
