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
    void aCheaperKeyDerivationComesFromTheEnvironmentAndBadValuesAreSaid() {
        AppConfig cheap = AppConfig.from(Map.of(AppConfig.KDF_MEMORY_ENV, "256", AppConfig.KDF_ITERATIONS_ENV, " 1 "), null);
        assertThat(cheap.kdf()).isEqualTo(new KdfParams(256, 1, KdfParams.DEFAULT.parallelism()));
        assertThatThrownBy(() -> AppConfig.from(Map.of(AppConfig.KDF_MEMORY_ENV, "lots"), null))
                .hasMessage("HEALTHWALLET_KDF_MEMORY_KIB must be a positive whole number, not \"lots\".");
        assertThatThrownBy(() -> AppConfig.from(Map.of(AppConfig.KDF_MEMORY_ENV, "4"), null))
                .hasMessage("HEALTHWALLET_KDF_MEMORY_KIB must be at least 8 and HEALTHWALLET_KDF_ITERATIONS at least 1.");
    }

    @Test
    void logsAndSettingsLiveInTheDataFolder() {
        AppConfig config = new AppConfig(Path.of("/data/hw"), KdfParams.DEFAULT);
        assertThat(config.logFile()).isEqualTo(Path.of("/data/hw/logs/healthwallet.log"));
        assertThat(config.settingsFile()).isEqualTo(Path.of("/data/hw/settings.properties"));
    }
}
