package org.healthwallet.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.core.vault.DataFolder;
import org.healthwallet.core.vault.KdfParams;

/**
 * How this run of the app or the command line is configured: where the wallet lives and what a
 * new key derivation costs. Built once by the launcher and handed to whoever needs it.
 *
 * @param dataDir the data folder holding the profiles (the vault files), settings and logs
 * @param kdf the Argon2id cost for wallets created or re-keyed in this run
 * @param consortiumFile the consortium configuration the ledger uses; empty means the embedded dev
 *                       network, started on loopback in {@link #devnetDir()}
 */
public record AppConfig(Path dataDir, KdfParams kdf, Optional<Path> consortiumFile) {
    /** Overrides the data folder, like {@code --wallet DIR}. */
    public static final String WALLET_ENV = "HEALTHWALLET_WALLET";
    /** Argon2id memory in KiB for new passphrases (default {@link KdfParams#DEFAULT}). */
    public static final String KDF_MEMORY_ENV = "HEALTHWALLET_KDF_MEMORY_KIB";
    /** Argon2id passes for new passphrases (default {@link KdfParams#DEFAULT}). */
    public static final String KDF_ITERATIONS_ENV = "HEALTHWALLET_KDF_ITERATIONS";
    /**
     * The least Argon2id cost the environment may ask for: OWASP's minimum for Argon2id (19 MiB,
     * two passes). Below it a stolen wallet file could be guessed at millions of tries a second.
     */
    public static final KdfParams KDF_FLOOR = new KdfParams(19 * 1024, 2, 1);
    /**
     * The JVM system property that lets {@link #KDF_MEMORY_ENV} and {@link #KDF_ITERATIONS_ENV}
     * go below {@link #KDF_FLOOR}: set by the build's test runner (surefire and failsafe) only. A
     * property, not an environment variable, because it must be on this JVM's own command line:
     * the environment is inherited by every program and edited through shell profiles, and the
     * installed launcher's command line is fixed in its image.
     */
    public static final String TEST_KDF_PROPERTY = "healthwallet.test.cheapKdf";
    /** The consortium configuration file for the ledger (default: the embedded dev network). */
    public static final String CONSORTIUM_ENV = "HEALTHWALLET_CONSORTIUM";

    public AppConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(consortiumFile, "consortiumFile");
        dataDir = dataDir.toAbsolutePath().normalize();
        consortiumFile = consortiumFile.map(f -> f.toAbsolutePath().normalize());
    }

    /** With the embedded dev network as the consortium. */
    public AppConfig(Path dataDir, KdfParams kdf) {
        this(dataDir, kdf, Optional.empty());
    }

    /**
     * Reads the configuration from the environment; the key derivation may go below
     * {@link #KDF_FLOOR} only when the system property {@link #TEST_KDF_PROPERTY} is {@code true}.
     *
     * @param walletOverride the {@code --wallet} folder, or {@code null}
     * @throws IllegalArgumentException with a message for the user when a value cannot be read
     */
    public static AppConfig from(Map<String, String> env, Path walletOverride) {
        return from(env, walletOverride, Boolean.getBoolean(TEST_KDF_PROPERTY));
    }

    /**
     * Reads the configuration from the environment.
     *
     * @param walletOverride the {@code --wallet} folder, or {@code null}
     * @param testCosts whether the key derivation may be cheaper than {@link #KDF_FLOOR} (tests only)
     * @throws IllegalArgumentException with a message for the user when a value cannot be read or
     *         the key derivation it asks for is below the floor
     */
    public static AppConfig from(Map<String, String> env, Path walletOverride, boolean testCosts) {
        Path dir = walletOverride;
        if (dir == null && notBlank(env.get(WALLET_ENV))) {
            dir = Path.of(env.get(WALLET_ENV).trim());
        }
        if (dir == null) {
            dir = DataFolder.platformDefault();
        }
        KdfParams d = KdfParams.DEFAULT;
        int memory = positiveInt(env, KDF_MEMORY_ENV, d.memoryKib());
        int iterations = positiveInt(env, KDF_ITERATIONS_ENV, d.iterations());
        KdfParams kdf;
        try {
            kdf = new KdfParams(memory, iterations, d.parallelism());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KDF_MEMORY_ENV + " must be at least 8 and "
                    + KDF_ITERATIONS_ENV + " at least 1.");
        }
        if (!testCosts && (memory < KDF_FLOOR.memoryKib() || iterations < KDF_FLOOR.iterations())) {
            // Refused, not lowered in silence: the person who set it learns it has no effect here.
            throw new IllegalArgumentException("The key derivation asked for (" + KDF_MEMORY_ENV + "=" + memory + ", "
                    + KDF_ITERATIONS_ENV + "=" + iterations + ") is too cheap to protect a wallet: the least is "
                    + KDF_FLOOR.memoryKib() + " KiB and " + KDF_FLOOR.iterations() + " passes. "
                    + "Unset them to use the default.");
        }
        Optional<Path> consortium = Optional.ofNullable(env.get(CONSORTIUM_ENV)).filter(AppConfig::notBlank)
                .map(f -> Path.of(f.trim()));
        return new AppConfig(dir, kdf, consortium);
    }

    /** The same configuration with another data folder. */
    public AppConfig withDataDir(Path other) {
        return new AppConfig(other, kdf, consortiumFile);
    }

    /** The same configuration with another consortium file (the command line's {@code --consortium}). */
    public AppConfig withConsortiumFile(Path file) {
        return new AppConfig(dataDir, kdf, Optional.of(file));
    }

    /** Where the embedded dev network keeps its chain when no consortium file is given. */
    public Path devnetDir() {
        return dataDir.resolve("devnet");
    }

    /** Where unexpected errors are written for the engineer (never health data). */
    public Path logFile() {
        return dataDir.resolve("logs").resolve("healthwallet.log");
    }

    /** The app's preferences (theme, language, auto-lock); nothing about the patient. */
    public Path settingsFile() {
        return dataDir.resolve("settings.properties");
    }

    private static int positiveInt(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (!notBlank(raw)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, not \"" + raw.trim() + "\".");
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
