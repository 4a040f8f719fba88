package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.healthwallet.core.records.ImportProgress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Another account on the machine can read none of the wallet's files: the data folder is 0700,
 * vault files, their lock files, SQLite's journals beside them, the copy a key rotation writes, and
 * backups are 0600. Under the usual umask (022) every one of them was group- and world-readable.
 */
class FilePermissionsTest {
    private static final char[] PASS = "plum orchard lantern 42".toCharArray();
    @TempDir Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void theDataFolderAndAProfilesVaultAreTheOwnersAlone() throws Exception {
        Path dataDir = dir.resolve("share").resolve("HealthWallet");
        Profiles profiles = new Profiles(dataDir);
        Profile me = profiles.create("Ottoline");
        Path file = profiles.vaultFile(me);
        List<String> journalModes = new ArrayList<>();
        try (Vault vault = Vault.create(file, PASS, CHEAP_KDF, me.label()).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 200)), new ImportProgress() {
                @Override public void update(String phase, long done, long total) {
                    Path journal = file.resolveSibling(file.getFileName() + "-journal");
                    if (phase.equals("saving") && done == total && Files.exists(journal)) {
                        journalModes.add(mode(journal));
                    }
                }
                @Override public boolean isCancelled() { return false; }
            });
        }

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve(Profiles.LIST_FILE))).isEqualTo("rw-------");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(ProfileLock.lockFileOf(file))).isEqualTo("rw-------");
        assertThat(journalModes).as("the journal SQLite made during the import").containsExactly("rw-------");
    }

    @Test
    void aWalletInANewFolderAndItsBackupAreTheOwnersAlone() throws Exception {
        Path file = dir.resolve("new-folder").resolve("me.hwvault");
        Path backup = dir.resolve("backups").resolve("me.hwbackup");
        try (Vault vault = Vault.create(file, PASS, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 5)), ImportProgress.NONE);
            vault.exportBackup(backup);
        }

        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(backup.getParent())).isEqualTo("rwx------");
        assertThat(mode(backup)).isEqualTo("rw-------");
    }

    @Test
    void theFileAKeyRotationSwapsInIsTheOwnersAlone() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Path copy = file.resolveSibling(file.getFileName() + ".rotating");
        List<String> copyModes = new ArrayList<>();
        try (Vault vault = Vault.create(file, PASS, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 20)), ImportProgress.NONE);
            vault.changePassphrase(PASS, "quiet harbour, seven gulls".toCharArray(), CHEAP_KDF);
            vault.importRecords(List.of(GeneratedRecords.source("lab.json", "b", 5)), new ImportProgress() {
                @Override public void update(String phase, long done, long total) {
                    Path journal = file.resolveSibling(file.getFileName() + "-journal");
                    if (phase.equals("saving") && done == total && Files.exists(journal)) {
                        copyModes.add(mode(journal));
                    }
                }
                @Override public boolean isCancelled() { return false; }
            });
        }

        assertThat(copy).doesNotExist();
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(copyModes).as("the journal of the rotated file").containsExactly("rw-------");
    }

    @Test
    void aWalletFileAnEarlierBuildMadeReadableIsNarrowedAtUnlock() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Vault.create(file, PASS, CHEAP_KDF).vault().close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(ProfileLock.lockFileOf(file), PosixFilePermissions.fromString("rw-r--r--"));

        Vault.unlock(file, PASS).close();

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(ProfileLock.lockFileOf(file))).isEqualTo("rw-------");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
