package org.healthwallet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.healthwallet.core.vault.DataFolder;
import org.healthwallet.core.vault.KdfParams;
import org.junit.jupiter.api.Test;

class AppConfigTest {
    @Test
    void defaultsAreThePlatformFolderAndTheFullKeyDerivationCost() {
        AppConfig config = AppConfig.from(Map.of(), null);
        assertThat(config.dataDir()).isEqualTo(DataFolder.platformDefault().toAbsolutePath().normalize());
        assertThat(config.kdf()).isEqualTo(KdfParams.DEFAULT);
    }

    @Test
    void theWalletOptionWinsOverTheEnvironment() {
        Map<String, String> env = Map.of(AppConfig.WALLET_ENV, "/tmp/from-env");
        assertThat(AppConfig.from(env, null).dataDir()).isEqualTo(Path.of("/tmp/from-env"));
        assertThat(AppConfig.from(env, Path.of("/tmp/from-option")).dataDir()).isEqualTo(Path.of("/tmp/from-option"));
    }

    @Test
    void testsGetACheapKeyDerivationFromTheEnvironmentAndBadValuesAreSaid() {
        AppConfig cheap = AppConfig.from(Map.of(AppConfig.KDF_MEMORY_ENV, "256", AppConfig.KDF_ITERATIONS_ENV, " 1 "), null, true);
        assertThat(cheap.kdf()).isEqualTo(new KdfParams(256, 1, KdfParams.DEFAULT.parallelism()));
        assertThatThrownBy(() -> AppConfig.from(Map.of(AppConfig.KDF_MEMORY_ENV, "lots"), null, true))
                .hasMessage("HEALTHWALLET_KDF_MEMORY_KIB must be a positive whole number, not \"lots\".");
        assertThatThrownBy(() -> AppConfig.from(Map.of(AppConfig.KDF_MEMORY_ENV, "4"), null, true))
                .hasMessage("HEALTHWALLET_KDF_MEMORY_KIB must be at least 8 and HEALTHWALLET_KDF_ITERATIONS at least 1.");
    }

    @Test
    void outsideTestsTheEnvironmentCannotGoBelowTheFloor() {
        Map<String, String> trivial = Map.of(AppConfig.KDF_MEMORY_ENV, "256", AppConfig.KDF_ITERATIONS_ENV, "1");
        assertThatThrownBy(() -> AppConfig.from(trivial, null, false)).hasMessage(
                "The key derivation asked for (HEALTHWALLET_KDF_MEMORY_KIB=256, HEALTHWALLET_KDF_ITERATIONS=1) is too cheap "
                        + "to protect a wallet: the least is 19456 KiB and 2 passes. Unset them to use the default.");
        assertThatThrownBy(() -> AppConfig.from(Map.of(AppConfig.KDF_ITERATIONS_ENV, "1"), null, false))
                .hasMessageContaining("HEALTHWALLET_KDF_ITERATIONS=1");
        // At the floor and above, the knob still works (a low-memory machine may want less than the default).
        assertThat(AppConfig.from(Map.of(AppConfig.KDF_MEMORY_ENV, "19456", AppConfig.KDF_ITERATIONS_ENV, "2"), null, false)
                .kdf()).isEqualTo(AppConfig.KDF_FLOOR);
        assertThat(AppConfig.from(Map.of(), null, false).kdf()).isEqualTo(KdfParams.DEFAULT);
    }

    /** The build's test runner sets the switch (pom.xml, surefire and failsafe); the installed app never does. */
    @Test
    void theTestRunnerSetsTheSwitchAsASystemProperty() {
        assertThat(System.getProperty(AppConfig.TEST_KDF_PROPERTY)).isEqualTo("true");
        assertThat(AppConfig.from(Map.of(AppConfig.KDF_MEMORY_ENV, "256", AppConfig.KDF_ITERATIONS_ENV, "1"), null)
                .kdf().memoryKib()).isEqualTo(256);
    }

    @Test
    void logsAndSettingsLiveInTheDataFolder() {
        AppConfig config = new AppConfig(Path.of("/data/hw"), KdfParams.DEFAULT);
        assertThat(config.logFile()).isEqualTo(Path.of("/data/hw/logs/healthwallet.log"));
        assertThat(config.settingsFile()).isEqualTo(Path.of("/data/hw/settings.properties"));
    }
}
