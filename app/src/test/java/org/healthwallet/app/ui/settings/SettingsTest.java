package org.healthwallet.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.common.Background;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path temp;

    @BeforeAll
    static void fx() throws Exception {
        Fx.start();
    }

    @Test
    void savedSettingsComeBack() throws Exception {
        Path file = temp.resolve("data/settings.properties");
        new Settings(Settings.Theme.DARK, Settings.Language.CHINESE, 12).save(file);
        assertThat(Settings.load(file, Locale.ENGLISH)).isEqualTo(new Settings(Settings.Theme.DARK, Settings.Language.CHINESE, 12));
        assertThat(Files.list(file.getParent())).containsExactly(file); // no temporary file left behind
    }

    @Test
    void aMissingOrDamagedFileGivesTheDefaultsForThisMachine() throws Exception {
        Path file = temp.resolve("settings.properties");
        assertThat(Settings.load(file, Locale.SIMPLIFIED_CHINESE).language()).isEqualTo(Settings.Language.CHINESE);
        Files.writeString(file, "theme=PURPLE\nlanguage=KLINGON\nidleLockMinutes=-3\n");
        assertThat(Settings.load(file, Locale.ENGLISH)).isEqualTo(new Settings(Settings.Theme.LIGHT, Settings.Language.ENGLISH, 1));
        assertThatThrownBy(() -> new Settings(Settings.Theme.LIGHT, Settings.Language.ENGLISH, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theViewModelKeepsEveryChangeAndClampsTheIdleMinutes() throws Exception {
        Path file = temp.resolve("settings.properties");
        Background background = new Background();
        SettingsViewModel model = new SettingsViewModel(Settings.defaults(Locale.ENGLISH), file, background);
        Fx.run(() -> {
            model.themeProperty().set(Settings.Theme.DARK);
            model.idleLockMinutesProperty().set(1000);
        });
        assertThat(model.idleLockMinutesProperty().get()).isEqualTo(Settings.MAX_IDLE_MINUTES);
        Fx.await(Fx.call(model::save));
        background.close();
        assertThat(Settings.load(file, Locale.ENGLISH))
                .isEqualTo(new Settings(Settings.Theme.DARK, Settings.Language.ENGLISH, Settings.MAX_IDLE_MINUTES));
    }
}
