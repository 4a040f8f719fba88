package org.healthwallet.app.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.settings.Settings;
import org.healthwallet.app.ui.shell.AppWindow;

/**
 * The desktop app. Started by {@link org.healthwallet.app.Main} (which passes the data folder as
 * {@code --wallet=DIR}), or constructed with a configuration by whoever embeds it (the UI tests).
 */
public final class HealthWalletApp extends Application {
    private AppConfig config;
    private Settings settings;
    private Background background;
    private AppWindow window;

    /** For {@link Application#launch}: the configuration comes from the parameters and the environment. */
    public HealthWalletApp() {}

    public HealthWalletApp(AppConfig config) {
        this.config = config;
    }

    /** Opens the app with this configuration and returns when its window closes. */
    public static void open(AppConfig config) {
        Application.launch(HealthWalletApp.class, "--wallet=" + config.dataDir());
    }

    @Override
    public void init() {
        if (config == null) {
            Map<String, String> named = getParameters().getNamed();
            config = AppConfig.from(System.getenv(), named.containsKey("wallet") ? Path.of(named.get("wallet")) : null);
        }
        // init() runs before the FX thread exists for this app: the one place to read the disk up front.
        settings = Settings.load(config.settingsFile(), Locale.getDefault());
    }

    @Override
    public void start(Stage stage) {
        ErrorLog log = new ErrorLog(config.logFile());
        // A bug on the FX thread is logged and reported in one line; the app keeps running.
        Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> {
            Path written = log.record("FX thread", failure);
            Alert alert = new Alert(Alert.AlertType.ERROR, "Unexpected error: " + ErrorLog.shortDescription(failure)
                    + (written == null ? "" : "; details in " + written));
            alert.setHeaderText(null);
            alert.show();
        });
        background = new Background();
        window = new AppWindow(stage, config, background, settings);
        stage.setOnCloseRequest(e -> window.close());
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (background != null) {
            background.close();
        }
    }

    /** The window, for whoever embeds the app (the UI tests take their screenshots through it). */
    public AppWindow window() {
        return window;
    }
}
