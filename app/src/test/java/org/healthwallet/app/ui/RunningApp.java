package org.healthwallet.app.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.shell.AppWindow;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app window of a TestFX flow, driven the way a patient uses it: open the app on a data folder,
 * create a wallet, import a file, read what is on screen, take a screenshot. Register it with
 * {@code @RegisterExtension}; it closes the app after each test.
 */
final class RunningApp implements AfterEachCallback {
    /** The passphrase the flows create their wallets with. */
    static final String PASSPHRASE = "Tulip-Orbit-42!";

    private final FxRobot robot = new FxRobot();
    private HealthWalletApp app;

    /** Opens the app on this data folder (the welcome screen when the folder has no wallet yet). */
    void start(Path dataDir) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (HealthWalletApp) FxToolkit.setupApplication(() -> new HealthWalletApp(TestFiles.cheapConfig(dataDir)));
        robot.interact(() -> {
            Stage stage = (Stage) app.window().scene().getWindow();
            // Within Monocle's 1280x800 headless screen.
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1240);
            stage.setHeight(780);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            app = null;
        }
    }

    AppWindow window() {
        return app.window();
    }

    /** From the welcome screen to home: a new wallet, its recovery phrase marked as written down. */
    void createWallet(String passphrase) throws Exception {
        waitUntil(() -> present("#createButton"), 10);
        robot.clickOn("#createButton");
        paste("#newPassphrase", passphrase);
        paste("#confirmPassphrase", passphrase);
        robot.clickOn("#createWalletButton");
        waitUntil(() -> present("#phraseWords"), 20);
        robot.clickOn("#writtenDown");
        robot.clickOn("#phraseContinue");
        waitUntil(() -> present("#homeScreen"), 20);
    }

    /** Imports a file through the path field (file dialogs and drag-and-drop cannot be driven headless). */
    void importFile(Path file) throws Exception {
        robot.clickOn("#nav-import");
        paste("#importPath", file.toString());
        robot.clickOn("#importPathButton");
        waitUntil(() -> robot.lookup("#importReport").query().isVisible(), 30);
    }

    /** What a paste (or a password manager) does: the whole text at once; typing is slow headless. */
    void paste(String query, String value) {
        robot.clickOn(query);
        robot.interact(() -> robot.lookup(query).queryTextInputControl().setText(value));
    }

    /** Whether the node is on screen now (found, visible, and still in the window). */
    boolean present(String query) {
        return robot.lookup(query).tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false);
    }

    /** A label's text; fails when there is no such label. */
    String text(String query) {
        return robot.lookup(query).queryLabeled().getText();
    }

    /** A label's text, or "" when it is not on screen. */
    String labelText(String query) {
        return robot.lookup(query).tryQuery().filter(Node::isVisible).map(n -> ((Labeled) n).getText()).orElse("");
    }

    void waitUntil(BooleanSupplier condition) throws Exception {
        waitUntil(condition, 20);
    }

    void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Saves what the window shows as app/target/screenshots/{@code name}. */
    Path saveScreenshot(String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = app.window().scene();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        BufferedImage png = SwingFXUtils.fromFXImage(image[0], null);
        Path dir = TestFiles.root().resolve("app/target/screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        ImageIO.write(png, "png", file.toFile());
        return file;
    }
}
