package org.healthwallet.app.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.healthwallet.app.AppConfig;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which consortium the wallet uses, and that the dev network of a folder runs once. */
class ConsortiumSourceTest {
    @TempDir
    Path temp;

    @Test
    void theEnvironmentNamesAConsortiumFileOtherwiseTheDataFoldersDevNetwork() {
        AppConfig configured = AppConfig.from(Map.of(AppConfig.WALLET_ENV, temp.toString(),
                AppConfig.CONSORTIUM_ENV, " " + temp.resolve("hospital.json") + " "), null);
        assertThat(configured.consortiumFile()).contains(temp.resolve("hospital.json"));
        try (ConsortiumSource source = ConsortiumSource.of(configured)) {
            assertThat(source.file()).contains(temp.resolve("hospital.json"));
            assertThat(source.devnetDir()).isEmpty();
        }
        AppConfig plain = AppConfig.from(Map.of(AppConfig.WALLET_ENV, temp.toString()), null);
        assertThat(plain.consortiumFile()).isEmpty();
        assertThat(plain.withDataDir(temp.resolve("other")).devnetDir()).isEqualTo(temp.resolve("other/devnet"));
        try (ConsortiumSource source = ConsortiumSource.of(plain)) {
            assertThat(source.devnetDir()).contains(temp.resolve("devnet"));
            assertThat(source.file()).isEmpty();
        }
    }

    @Test
    void aDevNetworkAnotherProcessRunsOnTheFolderIsUsedNotStartedTwice() throws Exception {
        EmbeddedConsortiumOptions options = new EmbeddedConsortiumOptions(temp.resolve("devnet"), 4, 0, 2, Duration.ZERO);
        ConsortiumConfig theirs;
        try (EmbeddedConsortium running = EmbeddedConsortium.start(options);
             ConsortiumSource source = ConsortiumSource.embedded(options)) {
            theirs = running.config();
            assertThat(source.config()).isEqualTo(theirs);
            assertThat(source.embeddedNetwork()).as("not a second network on the same folder").isEmpty();
        }
        // Nobody answers at the file's primary any more: this source starts the network itself.
        try (ConsortiumSource source = ConsortiumSource.embedded(options)) {
            ConsortiumConfig ours = source.config();
            assertThat(source.embeddedNetwork()).isPresent();
            assertThat(ours.chainId()).isEqualTo(theirs.chainId());
            assertThat(ours.primary()).isNotEqualTo(theirs.primary());
        }
    }

    @Test
    void aClosedSourceOrAnUnreadableFileIsSaid() throws Exception {
        Path file = temp.resolve("consortium.json");
        Files.writeString(file, "[]");
        try (ConsortiumSource source = ConsortiumSource.file(file)) {
            assertThatThrownBy(source::config).isInstanceOf(LedgerException.class).hasMessageContaining("consortium.json");
            source.close();
            assertThatThrownBy(source::config).isInstanceOf(LedgerException.class).hasMessageContaining("closed");
        }
    }
}
