package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small encrypted items other features keep in the vault (share keys and links). */
class VaultItemsTest {
    private static final byte[] SECRET = "shlink:/eyJrZXkiOiJzZWNyZXQta2V5LXRleHQifQ".getBytes(StandardCharsets.US_ASCII);
    private final char[] passphrase = "plum orchard lantern 42".toCharArray();
    @TempDir Path dir;

    @Test
    void itemsAreKeptReplacedAndRemovedAcrossLocking() throws Exception {
        Path file = dir.resolve("me.hwvault");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.putItem("share", a, SECRET);
            vault.putItem("share", b, "second".getBytes(StandardCharsets.UTF_8));
            vault.putItem("note", UUID.randomUUID(), "other kind".getBytes(StandardCharsets.UTF_8));
            vault.putItem("share", b, "second, changed".getBytes(StandardCharsets.UTF_8));
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.items("share")).containsOnlyKeys(a, b);
            assertThat(vault.items("share").get(a)).isEqualTo(SECRET);
            assertThat(new String(vault.items("share").get(b), StandardCharsets.UTF_8)).isEqualTo("second, changed");
            assertThat(vault.items("note")).hasSize(1);
            assertThat(vault.removeItem("share", a)).isTrue();
            assertThat(vault.removeItem("share", a)).isFalse();
            assertThat(vault.removeItem("note", b)).isFalse();
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.items("share")).containsOnlyKeys(b);
        }
        assertThat(SqliteRows.dump(file, "SELECT version FROM secret WHERE id = x'" + hex(b) + "'")).containsExactly("2|");
    }

    @Test
    void nothingOfAnItemIsInClearInTheFile() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.putItem("share", UUID.randomUUID(), SECRET);
        }
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("shlink").doesNotContain("share").doesNotContain("secret-key");
    }

    @Test
    void anItemMovedToAnotherRowOrVersionFailsItsCheck() throws Exception {
        Path file = dir.resolve("me.hwvault");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.putItem("share", a, SECRET);
            vault.putItem("share", b, "other".getBytes(StandardCharsets.UTF_8));
        }
        // Copy b's box over a's row: the associated data (row id, version) no longer matches.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement("UPDATE secret SET sealed = (SELECT sealed FROM secret WHERE id = ?) WHERE id = ?")) {
            s.setBytes(1, HexFormat.of().parseHex(hex(b)));
            s.setBytes(2, HexFormat.of().parseHex(hex(a)));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        // Unlock opens every secret row, items included, so the change is caught there.
        assertThatThrownBy(() -> Vault.unlock(file, passphrase)).isInstanceOf(VaultCorruptedException.class)
                .hasMessageContaining("failed its integrity check");
    }

    @Test
    void anIdHeldByTheProfilesOwnSecretsIsRefusedAndChangesNothing() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            List<String> ids = SqliteRows.dump(file, "SELECT hex(id) FROM secret");
            UUID profileRow = UUID.fromString(ids.get(0).replace("|", "").toLowerCase()
                    .replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
            assertThatThrownBy(() -> vault.putItem("share", profileRow, SECRET)).isInstanceOf(IllegalArgumentException.class);
            assertThat(vault.removeItem("share", profileRow)).isFalse();
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.items("share")).isEmpty();
            assertThat(vault.identityPublicKey()).hasSize(32);
        }
    }

    @Test
    void manyItemsAreKeptInOneTransactionOrNoneIs() throws Exception {
        Path file = dir.resolve("me.hwvault");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID note = UUID.randomUUID();
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.putItem("share", a, SECRET);
            vault.putItem("note", note, "other kind".getBytes(StandardCharsets.UTF_8));
            Map<UUID, byte[]> batch = new LinkedHashMap<>();
            batch.put(a, "a, changed".getBytes(StandardCharsets.UTF_8));
            batch.put(b, "b".getBytes(StandardCharsets.UTF_8));
            vault.putItems("share", batch);

            // The last item's id is held by another kind: the whole batch is refused, c included.
            Map<UUID, byte[]> refused = new LinkedHashMap<>();
            refused.put(c, "c".getBytes(StandardCharsets.UTF_8));
            refused.put(b, "b, changed".getBytes(StandardCharsets.UTF_8));
            refused.put(note, "clash".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> vault.putItems("share", refused)).isInstanceOf(IllegalArgumentException.class);
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.items("share")).containsOnlyKeys(a, b);
            assertThat(new String(vault.items("share").get(a), StandardCharsets.UTF_8)).isEqualTo("a, changed");
            assertThat(new String(vault.items("share").get(b), StandardCharsets.UTF_8)).isEqualTo("b");
            assertThat(new String(vault.items("note").get(note), StandardCharsets.UTF_8)).isEqualTo("other kind");
        }
        assertThat(SqliteRows.dump(file, "SELECT version FROM secret WHERE id = x'" + hex(a) + "'")).containsExactly("2|");
    }

    @Test
    void aLockedVaultRefusesItems() throws Exception {
        Vault vault = Vault.create(dir.resolve("me.hwvault"), passphrase, CHEAP_KDF).vault();
        vault.close();
        assertThatThrownBy(() -> vault.items("share")).isInstanceOf(VaultException.class).hasMessageContaining("locked");
        assertThatThrownBy(() -> vault.putItem("share", UUID.randomUUID(), SECRET)).isInstanceOf(VaultException.class);
    }

    private static String hex(UUID id) {
        return HexFormat.of().formatHex(RowCodec.idBytes(id));
    }
}
