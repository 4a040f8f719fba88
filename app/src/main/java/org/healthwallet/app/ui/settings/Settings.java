package org.healthwallet.app.ui.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * The app's preferences. They describe the app, never the patient, so they are kept in clear
 * beside the vault files.
 *
 * @param theme light or dark
 * @param language the language of every screen
 * @param idleLockMinutes minutes without input after which an open wallet locks itself (1–240)
 */
public record Settings(Theme theme, Language language, int idleLockMinutes) {
    public static final int MIN_IDLE_MINUTES = 1;
    public static final int MAX_IDLE_MINUTES = 240;

    public enum Theme { LIGHT, DARK }

    public enum Language {
        ENGLISH(Locale.ENGLISH), CHINESE(Locale.SIMPLIFIED_CHINESE);

        private final Locale locale;

        Language(Locale locale) { this.locale = locale; }

        public Locale locale() { return locale; }

        /** The language of this machine's locale when we have it, else English. */
        public static Language forLocale(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
        }
    }

    public Settings {
        if (theme == null || language == null) {
            throw new IllegalArgumentException("theme and language are required");
        }
        if (idleLockMinutes < MIN_IDLE_MINUTES || idleLockMinutes > MAX_IDLE_MINUTES) {
            throw new IllegalArgumentException("auto-lock must be between " + MIN_IDLE_MINUTES
                    + " and " + MAX_IDLE_MINUTES + " minutes");
        }
    }

    public static Settings defaults(Locale systemLocale) {
        return new Settings(Theme.LIGHT, Language.forLocale(systemLocale), 5);
    }

    public Settings withTheme(Theme t) { return new Settings(t, language, idleLockMinutes); }

    public Settings withLanguage(Language l) { return new Settings(theme, l, idleLockMinutes); }

    public Settings withIdleLockMinutes(int m) { return new Settings(theme, language, m); }

    /** Reads the settings file; a missing or damaged file (or value) falls back to the defaults. */
    public static Settings load(Path file, Locale systemLocale) {
        Settings d = defaults(systemLocale);
        if (!Files.isRegularFile(file)) {
            return d;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return d;
        }
        Theme theme = parse(Theme.class, p.getProperty("theme"), d.theme());
        Language language = parse(Language.class, p.getProperty("language"), d.language());
        int idle = d.idleLockMinutes();
        try {
            idle = Math.max(MIN_IDLE_MINUTES, Math.min(MAX_IDLE_MINUTES,
                    Integer.parseInt(p.getProperty("idleLockMinutes", "").trim())));
        } catch (NumberFormatException ignored) {
            // keep the default
        }
        return new Settings(theme, language, idle);
    }

    /** Writes the settings file atomically (a crash leaves the old or the new file, never half of one). */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Properties p = new Properties();
        p.setProperty("theme", theme.name());
        p.setProperty("language", language.name());
        p.setProperty("idleLockMinutes", Integer.toString(idleLockMinutes));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "HealthWallet settings");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String raw, E fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.trim());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
