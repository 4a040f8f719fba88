package org.healthwallet.core.vault;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where HealthWallet keeps its profiles by default, by the conventions of each platform. */
public final class DataFolder {
    private static final String APP = "HealthWallet";

    private DataFolder() {}

    /**
     * Linux and other Unix: {@code $XDG_DATA_HOME/HealthWallet}, else {@code ~/.local/share/HealthWallet};
     * macOS: {@code ~/Library/Application Support/HealthWallet}; Windows: {@code %APPDATA%\HealthWallet}.
     */
    public static Path platformDefault() {
        return forPlatform(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path forPlatform(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank()
                    ? Path.of(appData, APP)
                    : home.resolve("AppData").resolve("Roaming").resolve(APP);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve(APP);
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, APP);
        }
        return home.resolve(".local").resolve("share").resolve(APP);
    }
}
