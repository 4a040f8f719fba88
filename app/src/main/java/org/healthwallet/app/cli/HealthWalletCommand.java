package org.healthwallet.app.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.healthwallet.app.AppConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code healthwallet}: with a subcommand it runs that use case; alone it opens the app. */
@Command(name = "healthwallet",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Your health records, encrypted on your own machine.%n"
                + "Without a command, opens the HealthWallet app.",
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  HEALTHWALLET_PASSPHRASE       the passphrase (or --passphrase-file FILE)",
            "  HEALTHWALLET_NEW_PASSPHRASE   the new passphrase, for 'passphrase change'",
            "                                and 'restore' (or --new-passphrase-file FILE)",
            "  HEALTHWALLET_RECOVERY_PHRASE  the 24 words, for 'restore' (or --phrase-file)",
            "  HEALTHWALLET_WALLET           the data folder (like --wallet DIR)",
            "  HEALTHWALLET_CONSORTIUM       the consortium file for 'ledger' and 'share' (default: the",
            "                                embedded dev network on loopback)",
            "  HEALTHWALLET_SHARE_PASSCODE   a share's passcode, for 'share create' and",
            "                                'open-link' (or --passcode-file FILE)",
            "  HEALTHWALLET_KDF_MEMORY_KIB   Argon2id KiB for new passphrases (131072; at least 19456)",
            "  HEALTHWALLET_KDF_ITERATIONS   Argon2id passes for new passphrases (3; at least 2)",
            "%nSecrets are never read from arguments.",
            "Exit codes: 0 done; 1 failed (the reason on stderr); 2 wrong usage;",
            "70 unexpected error (details in the log file it names)."
        })
public final class HealthWalletCommand implements Runnable {
    @Option(names = "--wallet", paramLabel = "DIR",
            description = "The data folder holding your wallet (default: this system's application data folder).")
    private Path wallet;

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Act in a dependent's wallet (a child's, or your copy of an adult's), by the name 'dependent"
                    + " list' shows; default: your own.")
    private String profile;

    private final Map<String, String> env;
    private final Console console;
    private final Consumer<AppConfig> openApp;

    /**
     * @param env the environment to read secrets and configuration from
     * @param console the terminal for typed secrets, or {@code null} when there is none
     * @param openApp starts the desktop app with a configuration (when no subcommand is given)
     */
    public HealthWalletCommand(Map<String, String> env, Console console, Consumer<AppConfig> openApp) {
        this.env = Map.copyOf(env);
        this.console = console;
        this.openApp = openApp;
    }

    @Override
    public void run() {
        openApp.accept(config());
    }

    /** The configuration for this run; a bad environment value is a {@link CliFailure}. */
    AppConfig config() {
        try {
            return AppConfig.from(env, wallet);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    /** The dependent named by --profile; empty for the wallet owner's own ("me" also means that). */
    java.util.Optional<String> profile() {
        return profile == null || profile.isBlank() || profile.equalsIgnoreCase("me")
                ? java.util.Optional.empty() : java.util.Optional.of(profile.strip());
    }

    Map<String, String> env() {
        return env;
    }

    Secrets secrets() {
        return new Secrets(env, console);
    }
}
