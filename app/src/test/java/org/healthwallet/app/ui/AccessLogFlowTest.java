package org.healthwallet.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.share.SharesViewModel;
import org.healthwallet.core.accesslog.AccessView;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.core.share.ShlReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The access log in the app, for real: a share made through the embedded dev network's relay is
 * opened by two doctors (wallet-core's SMART Health Links receiver, as any viewer would); home then
 * tells the patient, the log lists both accesses newest first with verified badges, filters and
 * exports them, and the list of shares counts the openings. Screenshot: access-log.png.
 */
class AccessLogFlowTest {
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
    void twoDoctorsOpenAShareAndThePatientSeesItVerified() throws Exception {
        app = (HealthWalletApp) FxToolkit.setupApplication(() -> new HealthWalletApp(TestFiles.cheapConfig(temp.resolve("wallet"))));
        robot.interact(() -> {
            var stage = (javafx.stage.Stage) app.window().scene().getWindow();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1240);
            stage.setHeight(780);
        });
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> present("#createButton"), 10);
        robot.clickOn("#createButton");
        paste("#newPassphrase", PASSPHRASE);
        paste("#confirmPassphrase", PASSPHRASE);
        robot.clickOn("#createWalletButton");
        waitUntil(() -> present("#phraseWords"), 20);
        robot.clickOn("#writtenDown");
        robot.clickOn("#phraseContinue");
        waitUntil(() -> present("#homeScreen"), 20);
        assertThat(present("#accessNotice")).isFalse();
        robot.clickOn("#nav-import");
        paste("#importPath", TestFiles.samplePatient().toString());
        robot.clickOn("#importPathButton");
        waitUntil(() -> robot.lookup("#importReport").query().isVisible(), 30);

        robot.clickOn("#nav-share");
        waitUntil(() -> present("#shareWizard"), 10);
        robot.interact(() -> robot.lookup("#shareWhat-summary").queryAs(javafx.scene.control.RadioButton.class).setSelected(true));
        robot.interact(() -> robot.lookup("#shareLabel").queryTextInputControl().setText("Knee consultation"));
        robot.interact(() -> robot.lookup("#shareCreate").queryButton().fire());
        // The first share starts the embedded dev network and its relay.
        waitUntil(() -> present("#shareQr") || !labelText("#shareError").isEmpty(), 120);
        assertThat(labelText("#shareError")).isEmpty();
        String link = QrCode.decode(saveScreenshot("access-log-share-qr.png"));

        // Two doctors open the link, the way any SMART Health Links viewer does; the relay logs each on the ledger.
        ShlReceiver receiver = ShlReceiver.create();
        assertThat(receiver.open(link, "Dr. Ng, City Clinic", Optional.empty()).files()).isNotEmpty();
        Thread.sleep(1100); // a second apart, so "newest first" is visible in the times too
        assertThat(receiver.open(link, "Dr. Okafor, Lakeside GP", Optional.empty()).files()).isNotEmpty();

        // Coming home checks the ledger and tells the patient.
        robot.clickOn("#nav-home");
        waitUntil(() -> present("#accessNotice"), 60);
        assertThat(labelText("#accessNoticeText")).isEqualTo("2 new accesses since you last looked.");
        saveScreenshot("access-log-home.png");
        robot.clickOn("#accessNoticeOpen");
        waitUntil(() -> present("#accessLogTable"), 10);
        TableView<AccessView> table = robot.lookup("#accessLogTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 2, 30);
        assertThat(table.getItems()).extracting(AccessView::recipient)
                .containsExactly("Dr. Okafor, Lakeside GP", "Dr. Ng, City Clinic");
        assertThat(table.getItems()).allSatisfy(v -> {
            assertThat(v.shareLabel()).contains("Knee consultation");
            assertThat(v.provenAtHeight()).isGreaterThanOrEqualTo(v.recordedAtHeight()).isPositive();
        });
        List<String> badges = robot.lookup("#accessLogTable .verified-badge").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertThat(badges).hasSize(2).allMatch(b -> b.matches("Verified at height \\d+"));
        assertThat(labelText("#accessLogWarning")).isEmpty();
        assertThat(labelText("#accessLogStatus")).startsWith("Verified against the ledger at height");
        saveScreenshot("access-log.png");

        // Filter by recipient: one row.
        robot.interact(() -> robot.lookup("#accessLogRecipientFilter").queryAs(ComboBox.class).getEditor().setText("okafor"));
        waitUntil(() -> table.getItems().size() == 1, 5);
        assertThat(table.getItems().get(0).recipient()).isEqualTo("Dr. Okafor, Lakeside GP");
        assertThat(labelText("#accessLogCount")).isEqualTo("Showing 1 of 2");
        robot.clickOn("#accessLogClearFilters");
        waitUntil(() -> table.getItems().size() == 2, 5);

        // Export CSV… (the Save dialog answered with a file, as a headless run cannot show one).
        Path csv = temp.resolve("access-log.csv");
        robot.interact(() -> app.window().answerSaveDialogsWith(title -> csv.toFile()));
        robot.clickOn("#accessLogExport");
        waitUntil(() -> !labelText("#accessLogExported").isEmpty(), 10);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("time,recipient,share,share_label");
        assertThat(lines.get(1)).contains(",\"Dr. Okafor, Lakeside GP\",").contains(",Knee consultation,").endsWith(",true");
        assertThat(lines.get(2)).contains(",\"Dr. Ng, City Clinic\",").contains(",Knee consultation,").endsWith(",true");

        // Having looked, home has no notice any more.
        robot.clickOn("#nav-home");
        waitUntil(() -> present("#homeScreen"), 10);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.window().scene().lookup("#lockButton").isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(present("#accessNotice")).isFalse();

        // The list of shares counts the openings.
        robot.clickOn("#nav-share");
        robot.interact(() -> robot.lookup("#shareTabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(1));
        TableView<SharesViewModel.Row> shares = robot.lookup("#sharesTable").queryTableView();
        waitUntil(() -> shares.getItems().size() == 1 && shares.getItems().get(0).timesOpened().isPresent(), 30);
        assertThat(shares.getItems().get(0).timesOpened()).contains(2);
        saveScreenshot("access-log-shares.png");
    }

    private void paste(String query, String value) {
        robot.clickOn(query);
        robot.interact(() -> robot.lookup(query).queryTextInputControl().setText(value));
    }

    private boolean present(String query) {
        return robot.lookup(query).tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false);
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
