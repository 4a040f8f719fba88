package org.healthwallet.app.cli;

import java.nio.file.Path;
import org.healthwallet.app.wallet.OpenWallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export",
        description = "Write every record to one FHIR R4 Bundle (type collection). The file is NOT "
                + "encrypted: keep it as carefully as the paper records it replaces.")
final class ExportCommand extends WalletCommand {
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The Bundle file to write (replaced if it exists).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (OpenWallet wallet = unlock()) {
            int count = wallet.exportBundle(out);
            out().println("Exported " + count + " records to " + out.toAbsolutePath().normalize() + ".");
        }
        return Cli.EXIT_OK;
    }
}
