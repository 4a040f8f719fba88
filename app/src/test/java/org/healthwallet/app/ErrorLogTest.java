package org.healthwallet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error log against a planted symbolic link, with real links on the real file system: in a
 * shared temporary folder anyone can create {@code healthwallet.log} pointing at a file of the
 * user's, and the log must not write through it.
 */
class ErrorLogTest {
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path temp;

    private static IllegalStateException failure() {
        return new IllegalStateException("boom");
    }

    @Test
    void aLinkPlantedWhereTheLogGoesIsNotFollowed() throws Exception {
        Path victim = Files.writeString(temp.resolve("thesis.txt"), "the user's own file\n");
        Path logs = Files.createDirectories(temp.resolve("logs"));
        Files.createSymbolicLink(logs.resolve("healthwallet.log"), victim);

        assertThat(new ErrorLog(logs.resolve("healthwallet.log")).record("command init", failure())).isNull();
        assertThat(Files.readString(victim)).isEqualTo("the user's own file\n");
    }

    @Test
    void theFallbackLogIsInAPrivateFolderOfTheUsersOwn() throws Exception {
        Path written = ErrorLog.inTemporaryFolder(temp, USER).record("command init", failure());

        assertThat(written).isEqualTo(temp.resolve("healthwallet-" + USER.replaceAll("[^A-Za-z0-9._-]", "_"))
                .resolve("healthwallet.log"));
        assertThat(Files.readString(written)).contains("command init").contains("java.lang.IllegalStateException");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
        // The next failure appends to the same file.
        assertThat(ErrorLog.inTemporaryFolder(temp, USER).record("command import", failure())).isEqualTo(written);
        assertThat(Files.readString(written)).contains("command init").contains("command import");
    }

    @Test
    void aLinkPlantedInPlaceOfThePrivateFolderIsRefused() throws Exception {
        // A folder of the user's that is private too, like ~/.ssh: only the link check stops the write.
        Path victimFolder = Files.createDirectories(temp.resolve("home/user/.ssh"));
        Files.setPosixFilePermissions(victimFolder, PosixFilePermissions.fromString("rwx------"));
        Path victim = Files.writeString(victimFolder.resolve("healthwallet.log"), "not a log\n");
        Path shared = Files.createDirectories(temp.resolve("tmp"));
        Files.createSymbolicLink(shared.resolve("healthwallet-" + USER), victimFolder);

        assertThat(ErrorLog.inTemporaryFolder(shared, USER).record("command init", failure())).isNull();
        assertThat(Files.readString(victim)).isEqualTo("not a log\n");
    }

    @Test
    void aPlantedFolderOthersCanWriteIntoIsRefused() throws Exception {
        Path planted = Files.createDirectories(temp.resolve("healthwallet-" + USER));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(ErrorLog.inTemporaryFolder(temp, USER).record("command init", failure())).isNull();
        assertThat(planted.resolve("healthwallet.log")).doesNotExist();
        assertThat(Files.isSymbolicLink(planted)).isFalse();
        assertThat(Files.exists(planted.resolve("healthwallet.log"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
