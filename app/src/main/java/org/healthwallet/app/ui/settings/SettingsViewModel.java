package org.healthwallet.app.ui.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.common.UserText;

/**
 * The settings screen's state. Every change is kept at once (written off the FX thread); the
 * window listens to {@link #themeProperty()} and {@link #languageProperty()} to restyle itself.
 */
public final class SettingsViewModel {
    private final Path file;
    private final Background background;
    private final ObjectProperty<Settings.Theme> theme;
    private final ObjectProperty<Settings.Language> language;
    private final IntegerProperty idleLockMinutes;
    private final ReadOnlyObjectWrapper<UserText> problem = new ReadOnlyObjectWrapper<>();
    private final AtomicLong requested = new AtomicLong();
    private final Object writeLock = new Object();
    private long written;

    public SettingsViewModel(Settings initial, Path file, Background background) {
        this.file = file;
        this.background = background;
        this.theme = new SimpleObjectProperty<>(initial.theme());
        this.language = new SimpleObjectProperty<>(initial.language());
        this.idleLockMinutes = new SimpleIntegerProperty(initial.idleLockMinutes());
        theme.addListener((o, a, b) -> save());
        language.addListener((o, a, b) -> save());
        idleLockMinutes.addListener((o, a, b) -> {
            int clamped = Math.max(Settings.MIN_IDLE_MINUTES, Math.min(Settings.MAX_IDLE_MINUTES, b.intValue()));
            if (clamped != b.intValue()) {
                idleLockMinutes.set(clamped);
            } else {
                save();
            }
        });
    }

    public ObjectProperty<Settings.Theme> themeProperty() { return theme; }

    public ObjectProperty<Settings.Language> languageProperty() { return language; }

    public IntegerProperty idleLockMinutesProperty() { return idleLockMinutes; }

    /** Why the settings could not be saved, or {@code null}. */
    public ReadOnlyObjectProperty<UserText> problemProperty() { return problem.getReadOnlyProperty(); }

    public Settings current() {
        return new Settings(theme.get(), language.get(), idleLockMinutes.get());
    }

    /** Writes the current settings; a failure shows on the settings screen and changes nothing else. */
    public Task<Void> save() {
        Settings snapshot = current();
        long number = requested.incrementAndGet();
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws IOException {
                // Two workers may run saves out of order; an older snapshot never overwrites a newer one.
                synchronized (writeLock) {
                    if (number > written) {
                        snapshot.save(file);
                        written = number;
                    }
                }
                return null;
            }
        };
        task.setOnSucceeded(e -> problem.set(null));
        task.setOnFailed(e -> problem.set(UserText.of("settings.saveFailed", file.toString())));
        return background.run(task);
    }
}
