package org.healthwallet.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.healthwallet.core.vault.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A passphrase change swaps a re-encrypted copy in for the vault file (a key rotation). The app
 * keeps its ledger store open across it: the store must go on with the file now in place, keeping
 * what it verified before, not write into the file that was swapped out (refused by SQLite).
 */
class LedgerFileAfterKeyRotationTest {
    @TempDir Path dir;

    @Test
    void aLedgerStoreOpenAcrossAPassphraseChangeGoesOnWithTheNewFile() throws Exception {
        Path file = WalletFiles.create(dir.resolve("me.hwvault"));
        TestChain chain = TestChain.honest(5);
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            ledger.headers().save(chain.block(3));
            try (Vault vault = WalletFiles.unlock(file)) {
                vault.changePassphrase(WalletFiles.PASSPHRASE.toCharArray(), "quiet harbour, seven gulls".toCharArray(),
                        WalletFiles.CHEAP_KDF);
            }

            ledger.headers().save(chain.block(5));
            ledger.save(SyncNotes.EMPTY.attempted(Instant.parse("2026-12-07T20:30:00Z"), SyncOutcome.SYNCED, "synced"));

            assertThat(ledger.headers().latest()).map(b -> b.height()).contains(5L);
            assertThat(ledger.notes().lastOutcome()).isEqualTo(SyncOutcome.SYNCED);
        }
        assertThat(WalletFiles.query(file, "SELECT group_concat(height) FROM ledger_light_blocks")).isEqualTo("3,5");
        assertThat(WalletFiles.query(file, "SELECT value FROM ledger_notes WHERE key = 'last_outcome'")).isEqualTo("SYNCED");
    }
}
