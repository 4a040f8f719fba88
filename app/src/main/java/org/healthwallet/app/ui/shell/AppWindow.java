package org.healthwallet.app.ui.shell;

import java.time.ZoneId;
import org.healthwallet.app.ui.accesslog.AccessLogScreen;
import org.healthwallet.app.ui.family.CaregiversScreen;
import org.healthwallet.app.ui.family.FamilyScreen;
import org.healthwallet.app.ui.share.ShareScreen;
import org.healthwallet.app.ui.viewer.ViewerScreen;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.ui.common.AppIcon;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.create.CreateScreen;
import org.healthwallet.app.ui.home.HomeScreen;
import org.healthwallet.app.ui.imports.ImportScreen;
import org.healthwallet.app.ui.labs.LabTrendsScreen;
import org.healthwallet.app.ui.ledger.LedgerScreen;
import org.healthwallet.app.ui.records.RecordsScreen;
import org.healthwallet.app.ui.restore.RestoreScreen;
import org.healthwallet.app.ui.settings.Settings;
import org.healthwallet.app.ui.settings.SettingsScreen;
import org.healthwallet.app.ui.settings.SettingsViewModel;
import org.healthwallet.app.ui.unlock.UnlockScreen;
import org.healthwallet.app.ui.welcome.WelcomeScreen;
import org.healthwallet.app.wallet.VaultHome;

/**
 * The app's window: which screen shows (before unlock: welcome, create, unlock, restore; after:
 * the main shell), in which theme and language. It owns the view models of the wallet it shows.
 */
public final class AppWindow {
    /** The screens before a wallet is open. */
    public enum Entry { WELCOME, CREATE, UNLOCK, RESTORE, VIEWER }

    private static final String APP_CSS = "/org/healthwallet/app/ui/app.css";

    private final Stage stage;
    private final Background background;
    private final Failures failures;
    private final SettingsViewModel settings;
    private final IdleLock idleLock;
    private final Scene scene;
    private final ObjectProperty<Entry> entry = new SimpleObjectProperty<>(Entry.WELCOME);
    private final ObjectProperty<MainShell.Page> page = new SimpleObjectProperty<>(MainShell.Page.HOME);
    private WalletViews views;
    private Messages text;
    private java.util.function.Function<String, File> saveDialog = this::chooseSaveFile;
    private java.util.function.Function<String, File> invitationSaveDialog = this::chooseInvitationFile;

    /**
     * @param saved the settings as read from {@link AppConfig#settingsFile()} (read before the FX
     *              thread starts, so the window opens without touching the disk)
     */
    public AppWindow(Stage stage, AppConfig config, Background background, Settings saved) {
        this.stage = stage;
        this.background = background;
        this.failures = new Failures(new ErrorLog(config.logFile()));
        this.settings = new SettingsViewModel(saved, config.settingsFile(), background);
        this.text = new Messages(saved.language().locale());
        this.views = new WalletViews(new VaultHome(config), background, failures);
        this.idleLock = new IdleLock(() -> settings.idleLockMinutesProperty().get(), Clock.systemUTC());
        this.scene = new Scene(new javafx.scene.layout.StackPane(), 1180, 760);
        scene.getStylesheets().add(AppWindow.class.getResource(APP_CSS).toExternalForm());

        settings.themeProperty().addListener((o, a, b) -> applyTheme(b));
        settings.languageProperty().addListener((o, a, b) -> {
            text = new Messages(b.locale());
            stage.setTitle(text.get("app.title"));
            rebuild();
        });
        entry.addListener((o, a, b) -> rebuild());
        // Looking at the log marks its accesses seen; coming home checks for new ones.
        page.addListener((o, a, b) -> {
            views.accessLog().looking(b == MainShell.Page.ACCESS_LOG);
            if (b == MainShell.Page.HOME && views.session().isOpen() && !views.accessLog().runningProperty().get()) {
                views.accessLog().checkForNew();
            }
        });
        watchSession();

        applyTheme(saved.theme());
        stage.setTitle(text.get("app.title"));
        stage.getIcons().setAll(AppIcon.images());
        stage.setMinWidth(940);
        stage.setMinHeight(620);
        stage.setScene(scene);
        idleLock.watch(scene);
        rebuild();
        startAtTheRightScreen();
    }

    /** Locks the wallet (the window is closing). */
    public void close() {
        idleLock.stop();
        views.importModel().cancel();
        views.session().lock();
        views.close();
    }

    public Scene scene() {
        return scene;
    }

    private void watchSession() {
        views.whenImportMoves(() -> page.set(MainShell.Page.IMPORT));
        views.session().walletProperty().addListener((o, was, now) -> {
            if (now != null) {
                page.set(MainShell.Page.HOME);
            } else {
                entry.set(Entry.UNLOCK);
            }
            rebuild();
        });
        idleLock.follow(views.session());
    }

    /** With a wallet here already, the unlock screen is where a person wants to start. */
    private void startAtTheRightScreen() {
        var check = views.welcome().refresh();
        check.setOnSucceeded(e -> {
            if (Boolean.TRUE.equals(check.getValue()) && entry.get() == Entry.WELCOME && !views.session().isOpen()) {
                entry.set(Entry.UNLOCK);
            }
        });
    }

    private void rebuild() {
        Parent root;
        if (views.session().isOpen()) {
            root = new MainShell(text, views.session(), page, this::buildPage, views.session()::lock,
                    files -> views.importModel().start(files), new ProfileBar(views.profiles(), text)).view();
        } else {
            root = switch (entry.get()) {
                case WELCOME -> new WelcomeScreen(views.welcome(), text, new WelcomeScreen.Choices(
                        () -> entry.set(Entry.CREATE), () -> entry.set(Entry.UNLOCK),
                        () -> entry.set(Entry.RESTORE), this::openOtherFolder, () -> entry.set(Entry.VIEWER)),
                        SettingsScreen.languageChooser(settings, text)).view();
                case CREATE -> new CreateScreen(views.create(), text, () -> entry.set(Entry.WELCOME)).view();
                case RESTORE -> new RestoreScreen(views.restore(), text, this::chooseBackup,
                        () -> entry.set(Entry.WELCOME)).view();
                case VIEWER -> new ViewerScreen(views.viewer(), text, () -> entry.set(Entry.WELCOME)).view();
                case UNLOCK -> {
                    UnlockScreen unlock = new UnlockScreen(views.unlock(), text, () -> entry.set(Entry.WELCOME));
                    javafx.application.Platform.runLater(unlock::focus);
                    yield unlock.view();
                }
            };
        }
        markTheme(root);
        scene.setRoot(root);
    }

    /** A style class on the root so app.css can tune its own colours for the dark theme. */
    private void markTheme(Parent root) {
        root.getStyleClass().remove("theme-dark");
        if (settings.themeProperty().get() == Settings.Theme.DARK) {
            root.getStyleClass().add("theme-dark");
        }
    }

    private Parent buildPage(MainShell.Page p) {
        return switch (p) {
            case HOME -> new HomeScreen(views.home(), text, category -> {
                views.records().select(category);
                page.set(MainShell.Page.RECORDS);
            }, () -> page.set(MainShell.Page.IMPORT),
                    new HomeScreen.AccessNotice(views.accessLog().unseenProperty(), () -> page.set(MainShell.Page.ACCESS_LOG))).view();
            case RECORDS -> new RecordsScreen(views.records(), text).view();
            case LABS -> new LabTrendsScreen(views.labs(), text).view();
            case IMPORT -> new ImportScreen(views.importModel(), text,
                    new ImportScreen.Dialogs(this::chooseFiles, this::chooseFolder)).view();
            case FAMILY -> new FamilyScreen(views.family(), text, this::chooseInvitation).view();
            case CAREGIVERS -> new CaregiversScreen(views.caregivers(), text, ZoneId.systemDefault(),
                    title -> invitationSaveDialog.apply(title)).view();
            case SHARE -> new ShareScreen(views.shareWizard(), views.shares(), text, ZoneId.systemDefault()).view();
            case VIEWER -> new ViewerScreen(views.viewer(), text, null).view();
            case ACCESS_LOG -> new AccessLogScreen(views.accessLog(), text, title -> saveDialog.apply(title)).view();
            case LEDGER -> new LedgerScreen(views.ledger(), text).view();
            case SETTINGS -> new SettingsScreen(settings, text).view();
        };
    }

    private void applyTheme(Settings.Theme theme) {
        Application.setUserAgentStylesheet(theme == Settings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        markTheme(scene.getRoot());
    }

    /** "Open a wallet in another folder": a wallet on a USB stick, or a second one kept apart. */
    private void openOtherFolder() {
        File dir = chooseFolder(text.get("welcome.otherFolder"));
        if (dir == null) {
            return;
        }
        views.session().lock();
        views.close();
        views = new WalletViews(new VaultHome(views.config().withDataDir(dir.toPath())), background, failures);
        watchSession();
        entry.set(Entry.WELCOME);
        rebuild();
        startAtTheRightScreen();
    }

    private List<File> chooseFiles(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(text.get("import.filter.fhir"), "*.json", "*.ndjson", "*.jsonl"),
                new FileChooser.ExtensionFilter(text.get("import.filter.all"), "*"));
        return chooser.showOpenMultipleDialog(stage);
    }

    private File chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return chooser.showDialog(stage);
    }

    /**
     * Replaces the platform's Save dialog (for the UI tests: a headless run cannot show one). The
     * function gets the dialog's title and answers the file, or {@code null} for Cancel.
     */
    public void answerSaveDialogsWith(java.util.function.Function<String, File> answer) {
        this.saveDialog = java.util.Objects.requireNonNull(answer, "answer");
        this.invitationSaveDialog = answer;
    }

    private File chooseInvitationFile(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName("invitation.txt");
        return chooser.showSaveDialog(stage);
    }

    private File chooseInvitation(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(text.get("family.accept.filter"), "*.txt", "*.png", "*.jpg", "*.jpeg"),
                new FileChooser.ExtensionFilter(text.get("import.filter.all"), "*"));
        return chooser.showOpenDialog(stage);
    }

    private File chooseSaveFile(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName("access-log.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.get("accesslog.export.filter"), "*.csv"));
        return chooser.showSaveDialog(stage);
    }

    private File chooseBackup(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        return chooser.showOpenDialog(stage);
    }

    /** Where the wallet lives, shown on the entry screens. */
    public Path dataDir() {
        return views.config().dataDir();
    }
}
