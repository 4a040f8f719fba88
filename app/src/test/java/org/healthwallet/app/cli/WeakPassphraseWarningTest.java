package org.healthwallet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wherever the command line sets a new passphrase (init, passphrase change, restore), a weak one
 * is explained on stderr with zxcvbn's words and a crack time, and the command still does its work.
 */
class WeakPassphraseWarningTest {
    /** The old home-made estimate scored this 3 ("strong") and said nothing. */
    private static final String SEASON_AND_YEAR = "Summer2024!";

    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>(Map.of(
            "HEALTHWALLET_KDF_MEMORY_KIB", "256", "HEALTHWALLET_KDF_ITERATIONS", "1"));

    record Run(int code, String out, String err) {}

    private Run run(Path wallet, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--wallet", wallet.toString()));
        all.addAll(List.of(args));
        int code = new Cli(env, null, new PrintWriter(out), new PrintWriter(err),
                config -> { throw new AssertionError("the app must not open"); }).execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void initWarnsAboutAWeakPassphraseAndStillCreatesTheWallet() {
        env.put("HEALTHWALLET_PASSPHRASE", SEASON_AND_YEAR);
        Run init = run(temp.resolve("wallet"), "init");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("Your recovery phrase");
        assertThat(init.err()).startsWith("Warning: this passphrase is easy to guess (strength 2 of 4; the app asks for 3).")
                .contains("This is similar to a commonly used password.")
                .contains("Someone with a stolen copy of your wallet file could guess it in about");
        assertThat(run(temp.resolve("wallet"), "records", "count").code()).isZero();
    }

    @Test
    void aStrongPassphraseGetsNoWarning() {
        env.put("HEALTHWALLET_PASSPHRASE", "Tulip-Orbit-42!");
        Run init = run(temp.resolve("wallet"), "init");
        assertThat(init.code()).isZero();
        assertThat(init.err()).isEmpty();
    }

    @Test
    void passphraseChangeAndRestoreWarnToo() throws Exception {
        env.put("HEALTHWALLET_PASSPHRASE", "Tulip-Orbit-42!");
        Run init = run(temp.resolve("wallet"), "init");
        env.put("HEALTHWALLET_NEW_PASSPHRASE", "jessica1990");
        Run change = run(temp.resolve("wallet"), "passphrase", "change");
        assertThat(change.code()).as(change.err()).isZero();
        assertThat(change.err()).startsWith("Warning: this passphrase is easy to guess")
                .contains("Common names and surnames are easy to guess.");
        assertThat(change.out()).startsWith("Changed the passphrase.");

        env.put("HEALTHWALLET_PASSPHRASE", "jessica1990");
        Path backup = temp.resolve("wallet.backup");
        assertThat(run(temp.resolve("wallet"), "backup", "--out", backup.toString()).code()).isZero();
        Path phrase = temp.resolve("words.txt");
        Files.writeString(phrase, String.join(" ", words(init.out())) + "\n");
        env.put("HEALTHWALLET_NEW_PASSPHRASE", SEASON_AND_YEAR);
        Run restore = run(temp.resolve("elsewhere"), "restore", "--backup", backup.toString(),
                "--phrase-file", phrase.toString());
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.err()).startsWith("Warning: this passphrase is easy to guess");
        assertThat(restore.out()).startsWith("Restored your wallet");
    }

    private static List<String> words(String initOutput) {
        Matcher m = Pattern.compile("(\\d+)\\. ([a-z]+)").matcher(initOutput);
        java.util.TreeMap<Integer, String> byNumber = new java.util.TreeMap<>();
        while (m.find()) {
            byNumber.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return List.copyOf(byNumber.values());
    }
}
