package org.healthwallet.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.healthwallet.app.TestFiles;
import org.healthwallet.core.records.LabSeries;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.TextRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The walk a patient takes, on the real vault and the real importer: create a wallet, import
 * Jorge Brekke's Synthea record, read his allergies and immunizations, chart a lab result, lock,
 * unlock (a wrong passphrase first). Headless (Monocle); saves screenshots under target/screenshots.
 */
class WalletFlowTest {
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
    void createImportBrowseChartLockUnlock() throws Exception {
        start(temp.resolve("wallet"));

        // Create: a passphrase typed twice, then the 24 words shown once.
        saveScreenshot("welcome.png");
        robot.clickOn("#createButton");
        robot.clickOn("#newPassphrase").write(PASSPHRASE);
        paste("#confirmPassphrase", PASSPHRASE);
        robot.clickOn("#createWalletButton");
        waitUntil(() -> present("#phraseWords"));
        assertThat(robot.lookup("#phraseWords .phrase-word").queryAllAs(Label.class)).hasSize(24);
        assertThat(robot.lookup("#phraseContinue").query().isDisabled()).isTrue();
        saveScreenshot("recovery-phrase.png");
        robot.clickOn("#writtenDown");
        robot.clickOn("#phraseContinue");
        waitUntil(() -> present("#homeScreen"));

        // Import through the path field (file dialogs and drag-and-drop cannot be driven headless).
        robot.clickOn("#nav-import");
        paste("#importPath", TestFiles.jorgeBrekke().toString());
        robot.clickOn("#importPathButton");
        waitUntil(() -> robot.lookup("#importReport").query().isVisible());
        saveScreenshot("import.png");
        assertThat(text("#importStatus")).startsWith("Done: 315 new");

        // Records: his allergies, then his immunizations, with readable details.
        robot.clickOn("#nav-records");
        robot.clickOn("#category-ALLERGIES");
        List<String> allergies = recordTitles();
        assertThat(allergies).hasSize(10).contains("Allergy to eggs", "Allergy to bee venom", "Latex allergy");
        assertThat(text("#detailTitle")).isEqualTo(allergies.get(0));
        robot.clickOn("#category-IMMUNIZATIONS");
        List<String> immunizations = recordTitles();
        assertThat(immunizations).hasSize(35).contains("DTaP", "IPV", "MMR");
        saveScreenshot("records.png");

        // Lab trends: hemoglobin over time on the chart.
        robot.clickOn("#nav-labs");
        ComboBox<LabSeries> codes = robot.lookup("#labCodeChoice").queryComboBox();
        LabSeries hemoglobin = codes.getItems().stream().filter(s -> s.code().equals("718-7")).findFirst().orElseThrow();
        robot.interact(() -> codes.getSelectionModel().select(hemoglobin));
        LineChart<?, ?> chart = robot.lookup("#labChart").queryAs(LineChart.class);
        assertThat(chart.getData()).hasSize(1);
        assertThat(chart.getData().get(0).getData()).hasSize(hemoglobin.points().size()).hasSizeGreaterThanOrEqualTo(2);
        saveScreenshot("lab-trends.png");

        // Ledger: Sync verifies the embedded dev network (started on loopback) and lists its validators.
        robot.clickOn("#nav-ledger");
        waitUntil(() -> present("#ledgerScreen") && !robot.lookup("#ledgerSync").queryButton().isDisabled());
        robot.clickOn("#ledgerSync");
        waitUntil(() -> text("#ledgerMessage").startsWith("Verified up to height"));
        assertThat(robot.lookup("#ledgerValidators").queryAs(javafx.scene.layout.VBox.class).getChildren()).hasSize(4);
        saveScreenshot("ledger.png");

        // Lock: the records leave the screen and the view models.
        robot.clickOn("#lockButton");
        waitUntil(() -> present("#unlockScreen"));
        saveScreenshot("unlock.png");
        assertThat(robot.lookup("#recordList").tryQuery()).isEmpty();
        assertThat(codes.getItems()).isEmpty();

        // Unlock: a wrong passphrase is said inline, the right one opens the same records.
        paste("#unlockPassphrase", "not my passphrase");
        robot.clickOn("#unlockButton");
        waitUntil(() -> !text("#unlockError").isEmpty());
        assertThat(text("#unlockError")).isEqualTo("The passphrase does not open this wallet.");
        paste("#unlockPassphrase", PASSPHRASE);
        robot.clickOn("#unlockButton");
        waitUntil(() -> present("#homeScreen"));
        saveScreenshot("home.png");
        robot.clickOn("#tile-ALLERGIES");
        assertThat(recordTitles()).containsExactlyElementsOf(allergies);
    }

    /**
     * The README's picture, from the project's own fictional patient; then the same screens in
     * Chinese and in the dark theme. With {@code -Dhealthwallet.updateScreenshots=true} the picture
     * replaces {@code docs/screenshot.png}.
     */
    @Test
    void sampleRecordsInBothLanguagesAndThemes() throws Exception {
        start(temp.resolve("sample"));
        robot.clickOn("#restoreButton");
        waitUntil(() -> present("#restoreScreen"));
        saveScreenshot("restore.png");
        robot.clickOn("#restoreBack");
        waitUntil(() -> present("#welcomeScreen"));
        robot.clickOn("#createButton");
        paste("#newPassphrase", PASSPHRASE);
        paste("#confirmPassphrase", PASSPHRASE);
        robot.clickOn("#createWalletButton");
        waitUntil(() -> present("#writtenDown"));
        robot.clickOn("#writtenDown");
        robot.clickOn("#phraseContinue");
        waitUntil(() -> present("#homeScreen"));
        robot.clickOn("#nav-import");
        paste("#importPath", TestFiles.samplePatient().toString());
        robot.clickOn("#importPathButton");
        waitUntil(() -> robot.lookup("#importReport").query().isVisible());
        assertThat(text("#importStatus")).startsWith("Done: 77 new");

        robot.clickOn("#nav-home");
        saveScreenshot("sample-home.png");
        robot.clickOn("#tile-LAB_RESULTS");
        assertThat(recordTitles()).hasSize(35).contains("Hemoglobin A1c/Hemoglobin.total in Blood");
        Path shot = saveScreenshot("sample-records.png");
        if (Boolean.getBoolean("healthwallet.updateScreenshots")) {
            Path docs = TestFiles.root().resolve("docs");
            Files.createDirectories(docs);
            Files.copy(shot, docs.resolve("screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        robot.clickOn("#nav-labs");
        ComboBox<LabSeries> codes = robot.lookup("#labCodeChoice").queryComboBox();
        robot.interact(() -> codes.getSelectionModel().select(codes.getItems().stream()
                .filter(s -> s.code().equals("4548-4")).findFirst().orElseThrow()));
        saveScreenshot("sample-lab-trends.png");

        // 中文: every label of the window comes from the Chinese bundle, the records' words too.
        robot.clickOn("#nav-settings");
        saveScreenshot("sample-settings.png");
        ComboBox<?> language = robot.lookup("#languageChoice").queryComboBox();
        robot.interact(() -> language.getSelectionModel().select(1));
        waitUntil(() -> robot.lookup("#nav-records").queryLabeled().getText().equals("记录"));
        robot.clickOn("#nav-records");
        robot.clickOn("#category-ALLERGIES");
        assertThat(robot.lookup("#detailTitle").queryLabeled().getText()).startsWith("对").endsWith("过敏");
        saveScreenshot("sample-records-zh.png");

        robot.clickOn("#nav-settings");
        robot.clickOn("#themeDark");
        robot.clickOn("#nav-records");
        saveScreenshot("sample-records-dark.png");
    }

    private void start(Path dataDir) throws Exception {
        app = (HealthWalletApp) FxToolkit.setupApplication(() -> new HealthWalletApp(TestFiles.cheapConfig(dataDir)));
        robot.interact(() -> {
            var stage = (javafx.stage.Stage) app.window().scene().getWindow();
            // Within Monocle's 1280x800 headless screen.
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1240);
            stage.setHeight(780);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What a paste (or a password manager) does: the whole text at once; typing is slow headless. */
    private void paste(String query, String value) {
        robot.clickOn(query);
        robot.interact(() -> robot.lookup(query).queryTextInputControl().setText(value));
    }

    private boolean present(String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    private String text(String query) {
        return robot.lookup(query).queryLabeled().getText();
    }

    private List<String> recordTitles() {
        WaitForAsyncUtils.waitForFxEvents();
        ListView<RecordSummary> list = robot.lookup("#recordList").queryListView();
        TextRenderer english = TextRenderer.english();
        return list.getItems().stream().map(s -> english.render(s.title())).toList();
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
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
