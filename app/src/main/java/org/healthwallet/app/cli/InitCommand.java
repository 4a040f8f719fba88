package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.WalletHome;
import picocli.CommandLine.Command;

@Command(name = "init", description = "Create your wallet and show its 24-word recovery phrase (once).")
final class InitCommand extends WalletCommand {
    @Override
    public Integer call() throws Exception {
        char[] secret = passphrase();
        WalletHome.NewWallet created;
        try {
            warnIfWeak(secret);
            created = home().create(secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        OpenWallet wallet = created.wallet();
        try {
            PrintWriter out = out();
            out.println("Created your wallet in " + config().dataDir() + ".");
            out.println();
            out.println("Your recovery phrase (shown only this once):");
            out.println();
            List<String> words = created.phrase().words();
            for (int row = 0; row < 6; row++) {
                StringBuilder line = new StringBuilder("  ");
                for (int col = 0; col < 4; col++) {
                    int i = col * 6 + row;
                    line.append(String.format("%2d. %-10s", i + 1, words.get(i)));
                }
                out.println(line.toString().stripTrailing());
            }
            out.println();
            out.println("WARNING: write these 24 words on paper and keep them somewhere safe.");
            out.println("With a backup file they restore your wallet if this computer is lost;");
            out.println("anyone who has them can do the same. HealthWallet will not show them again.");
            out.flush();
        } finally {
            wallet.close();
        }
        return Cli.EXIT_OK;
    }
}
