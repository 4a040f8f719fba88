package org.healthwallet.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.ListView;
import org.healthwallet.app.TestFiles;
import org.healthwallet.core.share.QrCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Sharing in the app, for real: a wallet with the sample patient shares a patient summary with a
 * passcode through the embedded dev network's relay (grant on the ledger), shows the QR code, and
 * the app's own viewer opens the link from that QR code. Screenshots: share-qr.png, viewer.png.
 */
class ShareFlowTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final RunningApp app = new RunningApp();

    private final FxRobot robot = new FxRobot();

    @Test
    void shareASummaryAsAQrCodeAndOpenItInTheViewer() throws Exception {
        app.start(temp.resolve("wallet"));
        // The doctor's viewer opens from the welcome screen, without a wallet.
        robot.clickOn("#openLinkButton");
        app.waitUntil(() -> app.present("#viewerLink"), 10);
        robot.interact(() -> {
            robot.lookup("#viewerLink").queryTextInputControl().setText("shlink:/this-is-not-a-link");
            robot.lookup("#viewerRecipient").queryTextInputControl().setText("Dr. Ng");
        });
        robot.interact(() -> robot.lookup("#viewerOpen").queryButton().fire());
        app.waitUntil(() -> !app.labelText("#viewerError").isEmpty(), 10);
        assertThat(app.labelText("#viewerError")).startsWith("This is not a link HealthWallet can open: ");
        robot.clickOn("#viewerBack");
        app.createWallet(RunningApp.PASSPHRASE);
        app.importFile(TestFiles.samplePatient());

        robot.clickOn("#nav-share");
        app.waitUntil(() -> app.present("#shareWizard"), 10);
        robot.interact(() -> robot.lookup("#shareWhat-summary").queryAs(javafx.scene.control.RadioButton.class).setSelected(true));
        robot.interact(() -> robot.lookup("#sharePasscodeOn").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        robot.interact(() -> {
            robot.lookup("#sharePasscode").queryTextInputControl().setText("tulip-42");
            robot.lookup("#sharePasscodeAgain").queryTextInputControl().setText("tulip-42");
            robot.lookup("#shareLabel").queryTextInputControl().setText("For Dr. Ng, knee consultation");
            robot.lookup("#shareForWhom").queryTextInputControl().setText("Dr. Ng, City Clinic");
        });
        app.saveScreenshot("share-wizard.png");
        robot.interact(() -> robot.lookup("#shareCreate").queryButton().fire());
        // The first share starts the embedded dev network and its relay.
        app.waitUntil(() -> app.present("#shareQr") || !app.labelText("#shareError").isEmpty(), 120);
        assertThat(app.labelText("#shareError")).isEmpty();
        Path shot = app.saveScreenshot("share-qr.png");
        String link = QrCode.decode(shot);
        assertThat(link).contains("#shlink:/");

        robot.clickOn("#nav-viewer");
        app.waitUntil(() -> app.present("#viewerLink"), 10);
        robot.interact(() -> {
            robot.lookup("#viewerLink").queryTextInputControl().setText(link);
            robot.lookup("#viewerRecipient").queryTextInputControl().setText("Dr. Ng, City Clinic");
        });
        app.waitUntil(() -> app.present("#viewerPasscode"), 5);
        robot.interact(() -> robot.lookup("#viewerPasscode").queryTextInputControl().setText("tulip-42"));
        robot.interact(() -> robot.lookup("#viewerOpen").queryButton().fire());
        app.waitUntil(() -> app.present("#viewerRecords") || !app.labelText("#viewerError").isEmpty(), 60);
        assertThat(app.labelText("#viewerError")).isEmpty();
        ListView<?> records = robot.lookup("#viewerRecords").queryListView();
        assertThat(records.getItems()).isNotEmpty();
        app.saveScreenshot("viewer.png");

        // Revoke it from the list of shares (with the confirmation), then the link no longer opens.
        robot.clickOn("#nav-share");
        robot.interact(() -> robot.lookup("#shareTabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(1));
        app.waitUntil(() -> robot.lookup("#sharesTable").queryTableView().getItems().size() == 1, 20);
        app.saveScreenshot("shares.png");
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && "Revoke".equals(b.getText()) && b.getScene() == app.window().scene()).queryButton());
        app.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), 10);
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> "Revoke".equals(((javafx.scene.control.Button) n).getText()))
                .queryButton());
        app.waitUntil(() -> robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && "Revoke".equals(b.getText()) && b.getScene() == app.window().scene()).tryQuery().isEmpty(), 60);
        assertThat(app.labelText("#sharesError")).isEmpty();

        robot.clickOn("#nav-viewer");
        robot.interact(() -> robot.lookup("#viewerAnother").queryButton().fire());
        robot.interact(() -> {
            robot.lookup("#viewerLink").queryTextInputControl().setText(link);
            robot.lookup("#viewerPasscode").queryTextInputControl().setText("tulip-42");
        });
        robot.interact(() -> robot.lookup("#viewerOpen").queryButton().fire());
        app.waitUntil(() -> !app.labelText("#viewerError").isEmpty(), 60);
        assertThat(app.labelText("#viewerError")).startsWith("This link does not work any more");
        app.saveScreenshot("viewer-revoked.png");
    }
}
