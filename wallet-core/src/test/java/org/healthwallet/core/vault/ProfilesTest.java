package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {
    @TempDir Path dir;

    @Test
    void theFirstProfileIsTheOwnersAndLaterOnesAreDependents() throws Exception {
        Profiles profiles = new Profiles(dir.resolve("HealthWallet"));
        assertThat(profiles.list()).isEmpty();

        Profile me = profiles.create("Ottoline Quintanilla");
        Profile child = profiles.create("Pip Quintanilla");

        assertThat(me.owner()).isTrue();
        assertThat(child.owner()).isFalse();
        assertThat(me.label()).isEqualTo("Ottoline Quintanilla");
        assertThat(profiles.list()).extracting(Profile::id, Profile::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(me.id(), true), org.assertj.core.groups.Tuple.tuple(child.id(), false));
        assertThat(profiles.owner()).get().extracting(Profile::id).isEqualTo(me.id());
        assertThat(profiles.vaultFile(me)).isEqualTo(dir.resolve("HealthWallet").resolve(me.id() + ".hwvault"));
        assertThat(profiles.vaultFile(me)).isNotEqualTo(profiles.vaultFile(child));
    }

    @Test
    void labelsLiveOnlyInsideTheEncryptedVaults() throws Exception {
        Profiles profiles = new Profiles(dir);
        Profile me = profiles.create("Ottoline Quintanilla");
        try (Vault vault = Vault.create(profiles.vaultFile(me), "plum orchard lantern 42".toCharArray(), CHEAP_KDF, me.label()).vault()) {
            assertThat(vault.label()).isEqualTo("Ottoline Quintanilla");
        }

        assertThat(profiles.list()).singleElement().satisfies(p -> assertThat(p.label()).isNull());
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.getFileName().toString()).doesNotContain("Ottoline").doesNotContain("Quintanilla");
            }
        }
        try (Vault vault = Vault.unlock(profiles.vaultFile(me), "plum orchard lantern 42".toCharArray())) {
            assertThat(vault.label()).isEqualTo("Ottoline Quintanilla");
        }
    }

    @Test
    void aDamagedListIsReportedNotGuessed() throws Exception {
        Files.writeString(dir.resolve("profiles.txt"), "# HealthWallet profiles v1\nnot-an-id owner\n");

        assertThatThrownBy(() -> new Profiles(dir).list()).isInstanceOf(VaultException.class).hasMessageContaining("is damaged");
    }

    @Test
    void dataFolderFollowsEachPlatformsConvention() {
        Path home = Path.of("/home/otto");

        assertThat(DataFolder.forPlatform("Linux", Map.of(), home)).isEqualTo(Path.of("/home/otto/.local/share/HealthWallet"));
        assertThat(DataFolder.forPlatform("Linux", Map.of("XDG_DATA_HOME", "/data/otto"), home)).isEqualTo(Path.of("/data/otto/HealthWallet"));
        assertThat(DataFolder.forPlatform("Linux", Map.of("XDG_DATA_HOME", "relative/dir"), home))
                .isEqualTo(Path.of("/home/otto/.local/share/HealthWallet"));
        assertThat(DataFolder.forPlatform("Mac OS X", Map.of(), home)).isEqualTo(Path.of("/home/otto/Library/Application Support/HealthWallet"));
        assertThat(DataFolder.forPlatform("Windows 11", Map.of("APPDATA", "C:\\Users\\otto\\AppData\\Roaming"), home).toString())
                .endsWith("HealthWallet").startsWith("C:\\Users\\otto\\AppData\\Roaming");
        assertThat(DataFolder.platformDefault().isAbsolute()).isTrue();
        assertThat(DataFolder.platformDefault().getFileName().toString()).isEqualTo("HealthWallet");
    }
}
