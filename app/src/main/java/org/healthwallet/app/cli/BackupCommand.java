package org.healthwallet.app.cli;

import java.nio.file.Path;
import org.healthwallet.app.wallet.OpenWallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup",
        description = "Write an encrypted backup file; with the recovery phrase it restores the wallet anywhere.")
final class BackupCommand extends WalletCommand {
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The backup file to write (replaced if it exists).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (OpenWallet wallet = unlock()) {
            wallet.backup(out);
            out().println("Wrote an encrypted backup to " + out.toAbsolutePath().normalize()
                    + ". Your recovery phrase opens it; keep both, apart.");
        }
        return Cli.EXIT_OK;
    }
}
