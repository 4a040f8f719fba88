package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.healthwallet.app.cli.Cli;
import org.healthwallet.e2e.WalletCli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing or unreadable invitation, caregiver code or one-time code gets a sentence and exit 1,
 * never "Unexpected error" (before, a missing file was an IOException reported as exit 70), and the
 * wallet is left as it was.
 */
class CaregiverBadInputTest {
    @TempDir
    Path dir;

    @Test
    void missingOrUnreadableFilesAreNamedNotThrown() throws Exception {
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        Path notAnImage = Files.writeString(dir.resolve("invitation.png"), "not a picture");

        Run missing = wallet.cli("caregiver", "accept", dir.resolve("nowhere.txt").toString());
        assertThat(missing.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(missing.err()).contains("There is no file").contains("nowhere.txt").doesNotContain("Unexpected");

        Run noQr = wallet.cli("caregiver", "accept", notAnImage.toString());
        assertThat(noQr.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(noQr.err()).contains("No invitation could be read from the image").doesNotContain("Unexpected");

        Run noCode = wallet.cli("caregiver", "invite", "--code-file", dir.resolve("code.txt").toString(), "--name", "Maria",
                "--scope", "records", "--ends", "2027-06-30");
        assertThat(noCode.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(noCode.err()).contains("There is no file").contains("caregiver code");

        Run garbled = wallet.cli("caregiver", "accept", Files.writeString(dir.resolve("inv.txt"), "hwinvite:/%%%").toString());
        assertThat(garbled.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(garbled.err()).contains("The invitation is damaged");

        assertThat(wallet.succeeds("dependent", "list", "--offline").out()).contains("You hold no one else's wallet.");
        assertThat(wallet.succeeds("caregiver", "list").out()).contains("No one may act for you.");
    }
}
