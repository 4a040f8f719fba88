package org.healthwallet.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.healthwallet.app.TestFiles;
import org.healthwallet.core.share.QrCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Sharing in the app, for real: a wallet with the sample patient shares a patient summary with a
 * passcode through the embedded dev network's relay (grant on the ledger), shows the QR code, and
 * the app's own viewer opens the link from that QR code. Screenshots: share-qr.png, viewer.png.
 */
class ShareFlowTest {
    private static final String PASSPHRASE = "Tulip-Orbit-42!";

    @TempDir
    Path temp;

    private final FxRobot robot = new FxRobot();
    private HealthWalletApp app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    @Test
    void shareASummaryAsAQrCodeAndOpenItInTheViewer() throws Exception {
        app = (HealthWalletApp) FxToolkit.setupApplication(() -> new HealthWalletApp(TestFiles.cheapConfig(temp.resolve("wallet"))));
        robot.interact(() -> {
            var stage = (javafx.stage.Stage) app.window().scene().getWindow();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1240);
            stage.setHeight(780);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // The doctor's viewer opens from the welcome screen, without a wallet.
        robot.clickOn("#openLinkButton");
        waitUntil(() -> present("#viewerLink"), 10);
        robot.interact(() -> {
            robot.lookup("#viewerLink").queryTextInputControl().setText("shlink:/this-is-not-a-link");
            robot.lookup("#viewerRecipient").queryTextInputControl().setText("Dr. Ng");
        });
        robot.interact(() -> robot.lookup("#viewerOpen").queryButton().fire());
        waitUntil(() -> !labelText("#viewerError").isEmpty(), 10);
        assertThat(labelText("#viewerError")).startsWith("This is not a link HealthWallet can open: ");
        robot.clickOn("#viewerBack");
        waitUntil(() -> present("#createButton"), 10);
        robot.clickOn("#createButton");
        paste("#newPassphrase", PASSPHRASE);
        paste("#confirmPassphrase", PASSPHRASE);
        robot.clickOn("#createWalletButton");
        waitUntil(() -> present("#phraseWords"), 20);
        robot.clickOn("#writtenDown");
        robot.clickOn("#phraseContinue");
        waitUntil(() -> present("#homeScreen"), 20);
        robot.clickOn("#nav-import");
        paste("#importPath", TestFiles.samplePatient().toString());
        robot.clickOn("#importPathButton");
        waitUntil(() -> robot.lookup("#importReport").query().isVisible(), 30);

        robot.clickOn("#nav-share");
        waitUntil(() -> present("#shareWizard"), 10);
        robot.interact(() -> robot.lookup("#shareWhat-summary").queryAs(javafx.scene.control.RadioButton.class).setSelected(true));
        robot.interact(() -> robot.lookup("#sharePasscodeOn").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        robot.interact(() -> {
            robot.lookup("#sharePasscode").queryTextInputControl().setText("tulip-42");
            robot.lookup("#sharePasscodeAgain").queryTextInputControl().setText("tulip-42");
            robot.lookup("#shareLabel").queryTextInputControl().setText("For Dr. Ng, knee consultation");
            robot.lookup("#shareForWhom").queryTextInputControl().setText("Dr. Ng, City Clinic");
        });
        saveScreenshot("share-wizard.png");
        robot.interact(() -> robot.lookup("#shareCreate").queryButton().fire());
        // The first share starts the embedded dev network and its relay.
        waitUntil(() -> present("#shareQr") || !labelText("#shareError").isEmpty(), 120);
        assertThat(labelText("#shareError")).isEmpty();
        Path shot = saveScreenshot("share-qr.png");
        String link = QrCode.decode(shot);
        assertThat(link).contains("#shlink:/");

        robot.clickOn("#nav-viewer");
        waitUntil(() -> present("#viewerLink"), 10);
        robot.interact(() -> {
            robot.lookup("#viewerLink").queryTextInputControl().setText(link);
            robot.lookup("#viewerRecipient").queryTextInputControl().setText("Dr. Ng, City Clinic");
        });
        waitUntil(() -> present("#viewerPasscode"), 5);
        robot.interact(() -> robot.lookup("#viewerPasscode").queryTextInputControl().setText("tulip-42"));
        robot.interact(() -> robot.lookup("#viewerOpen").queryButton().fire());
        waitUntil(() -> present("#viewerRecords") || !labelText("#viewerError").isEmpty(), 60);
        assertThat(labelText("#viewerError")).isEmpty();
        ListView<?> records = robot.lookup("#viewerRecords").queryListView();
        assertThat(records.getItems()).isNotEmpty();
        saveScreenshot("viewer.png");

        // Revoke it from the list of shares (with the confirmation), then the link no longer opens.
        robot.clickOn("#nav-share");
        robot.interact(() -> robot.lookup("#shareTabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(1));
        waitUntil(() -> robot.lookup("#sharesTable").queryTableView().getItems().size() == 1, 20);
        saveScreenshot("shares.png");
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && "Revoke".equals(b.getText()) && b.getScene() == app.window().scene()).queryButton());
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), 10);
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> "Revoke".equals(((javafx.scene.control.Button) n).getText()))
                .queryButton());
        waitUntil(() -> robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && "Revoke".equals(b.getText()) && b.getScene() == app.window().scene()).tryQuery().isEmpty(), 60);
        assertThat(labelText("#sharesError")).isEmpty();

        robot.clickOn("#nav-viewer");
        robot.interact(() -> robot.lookup("#viewerAnother").queryButton().fire());
        robot.interact(() -> {
            robot.lookup("#viewerLink").queryTextInputControl().setText(link);
            robot.lookup("#viewerPasscode").queryTextInputControl().setText("tulip-42");
        });
        robot.interact(() -> robot.lookup("#viewerOpen").queryButton().fire());
        waitUntil(() -> !labelText("#viewerError").isEmpty(), 60);
        assertThat(labelText("#viewerError")).startsWith("This link does not work any more");
        saveScreenshot("viewer-revoked.png");
    }

    private void paste(String query, String value) {
        robot.clickOn(query);
        robot.interact(() -> robot.lookup(query).queryTextInputControl().setText(value));
    }

    private boolean present(String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    /** A label's text, or "" when it is not on screen. */
    private String labelText(String query) {
        return robot.lookup(query).tryQuery().filter(Node::isVisible)
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).orElse("");
    }

    private static void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path saveScreenshot(String name) throws IOException {
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
