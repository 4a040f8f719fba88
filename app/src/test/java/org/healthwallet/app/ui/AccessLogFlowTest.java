package org.healthwallet.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.share.SharesViewModel;
import org.healthwallet.core.accesslog.AccessView;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.core.share.ShlReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The access log in the app, for real: a share made through the embedded dev network's relay is
 * opened by two doctors (wallet-core's SMART Health Links receiver, as any viewer would); home then
 * tells the patient, the log lists both accesses newest first with verified badges, filters and
 * exports them, and the list of shares counts the openings. Screenshot: access-log.png.
 */
class AccessLogFlowTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final RunningApp app = new RunningApp();

    private final FxRobot robot = new FxRobot();

    @Test
    void twoDoctorsOpenAShareAndThePatientSeesItVerified() throws Exception {
        app.start(temp.resolve("wallet"));
        app.createWallet(RunningApp.PASSPHRASE);
        assertThat(app.present("#accessNotice")).isFalse();
        app.importFile(TestFiles.samplePatient());

        robot.clickOn("#nav-share");
        app.waitUntil(() -> app.present("#shareWizard"), 10);
        robot.interact(() -> robot.lookup("#shareWhat-summary").queryAs(javafx.scene.control.RadioButton.class).setSelected(true));
        robot.interact(() -> robot.lookup("#shareLabel").queryTextInputControl().setText("Knee consultation"));
        robot.interact(() -> robot.lookup("#shareCreate").queryButton().fire());
        // The first share starts the embedded dev network and its relay.
        app.waitUntil(() -> app.present("#shareQr") || !app.labelText("#shareError").isEmpty(), 120);
        assertThat(app.labelText("#shareError")).isEmpty();
        String link = QrCode.decode(app.saveScreenshot("access-log-share-qr.png"));

        // Two doctors open the link, the way any SMART Health Links viewer does; the relay logs each on the ledger.
        ShlReceiver receiver = ShlReceiver.create();
        assertThat(receiver.open(link, "Dr. Ng, City Clinic", Optional.empty()).files()).isNotEmpty();
        Thread.sleep(1100); // a second apart, so "newest first" is visible in the times too
        assertThat(receiver.open(link, "Dr. Okafor, Lakeside GP", Optional.empty()).files()).isNotEmpty();

        // Coming home checks the ledger and tells the patient.
        robot.clickOn("#nav-home");
        app.waitUntil(() -> app.present("#accessNotice"), 60);
        assertThat(app.labelText("#accessNoticeText")).isEqualTo("2 new accesses since you last looked.");
        app.saveScreenshot("access-log-home.png");
        robot.clickOn("#accessNoticeOpen");
        app.waitUntil(() -> app.present("#accessLogTable"), 10);
        TableView<AccessView> table = robot.lookup("#accessLogTable").queryTableView();
        app.waitUntil(() -> table.getItems().size() == 2, 30);
        assertThat(table.getItems()).extracting(AccessView::recipient)
                .containsExactly("Dr. Okafor, Lakeside GP", "Dr. Ng, City Clinic");
        assertThat(table.getItems()).allSatisfy(v -> {
            assertThat(v.shareLabel()).contains("Knee consultation");
            assertThat(v.provenAtHeight()).isGreaterThanOrEqualTo(v.recordedAtHeight()).isPositive();
            // The dev network's relay, by its address on the ledger (loopback), not by its key.
            assertThat(v.relay().shown()).matches("127\\.0\\.0\\.1:\\d+");
        });
        List<String> badges = robot.lookup("#accessLogTable .verified-badge").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertThat(badges).hasSize(2).allMatch(b -> b.matches("Verified at height \\d+"));
        assertThat(app.labelText("#accessLogWarning")).isEmpty();
        assertThat(app.labelText("#accessLogStatus")).startsWith("Verified against the ledger at height");
        app.saveScreenshot("access-log.png");

        // Filter by recipient: one row.
        robot.interact(() -> robot.lookup("#accessLogRecipientFilter").queryAs(ComboBox.class).getEditor().setText("okafor"));
        app.waitUntil(() -> table.getItems().size() == 1, 5);
        assertThat(table.getItems().get(0).recipient()).isEqualTo("Dr. Okafor, Lakeside GP");
        assertThat(app.labelText("#accessLogCount")).isEqualTo("Showing 1 of 2");
        robot.clickOn("#accessLogClearFilters");
        app.waitUntil(() -> table.getItems().size() == 2, 5);

        // Export CSV… (the Save dialog answered with a file, as a headless run cannot show one).
        Path csv = temp.resolve("access-log.csv");
        robot.interact(() -> app.window().answerSaveDialogsWith(title -> csv.toFile()));
        robot.clickOn("#accessLogExport");
        app.waitUntil(() -> !app.labelText("#accessLogExported").isEmpty(), 10);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("time,recipient,share,share_label");
        assertThat(lines.get(1)).contains(",\"Dr. Okafor, Lakeside GP\",").contains(",Knee consultation,").endsWith(",true");
        assertThat(lines.get(2)).contains(",\"Dr. Ng, City Clinic\",").contains(",Knee consultation,").endsWith(",true");

        // Having looked, home has no notice any more.
        robot.clickOn("#nav-home");
        app.waitUntil(() -> app.present("#homeScreen"), 10);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.window().scene().lookup("#lockButton").isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.present("#accessNotice")).isFalse();

        // The list of shares counts the openings.
        robot.clickOn("#nav-share");
        robot.interact(() -> robot.lookup("#shareTabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(1));
        TableView<SharesViewModel.Row> shares = robot.lookup("#sharesTable").queryTableView();
        app.waitUntil(() -> shares.getItems().size() == 1 && shares.getItems().get(0).timesOpened().isPresent(), 30);
        assertThat(shares.getItems().get(0).timesOpened()).contains(2);
        app.saveScreenshot("access-log-shares.png");
    }
}
