package org.healthwallet.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.healthwallet.app.TestFiles;
import org.healthwallet.core.records.LabSeries;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.TextRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The walk a patient takes, on the real vault and the real importer: create a wallet, import
 * Jorge Brekke's Synthea record, read his allergies and immunizations, chart a lab result, lock,
 * unlock (a wrong passphrase first). Headless (Monocle); saves screenshots under target/screenshots.
 */
class WalletFlowTest {
    private static final String PASSPHRASE = RunningApp.PASSPHRASE;

    @TempDir
    Path temp;

    @RegisterExtension
    final RunningApp app = new RunningApp();

    private final FxRobot robot = new FxRobot();

    @Test
    void createImportBrowseChartLockUnlock() throws Exception {
        app.start(temp.resolve("wallet"));

        // Create: a passphrase typed twice, then the 24 words shown once.
        app.saveScreenshot("welcome.png");
        robot.clickOn("#createButton");
        // A season and a year is refused, and zxcvbn's reasons are shown under it.
        app.paste("#newPassphrase", "Summer2024!");
        app.paste("#confirmPassphrase", "Summer2024!");
        assertThat(robot.lookup("#createWalletButton").query().isDisabled()).isTrue();
        assertThat(app.text("#strengthHint")).startsWith("This is similar to a commonly used password.")
                .contains("could guess it in about").endsWith("Choose a stronger one to continue.");
        app.paste("#newPassphrase", "");
        robot.clickOn("#newPassphrase").write(PASSPHRASE);
        app.paste("#confirmPassphrase", PASSPHRASE);
        assertThat(app.text("#strengthHint")).isEqualTo(
                "Someone with a stolen copy of your wallet file would need centuries to guess it.");
        robot.clickOn("#createWalletButton");
        app.waitUntil(() -> app.present("#phraseWords"));
        assertThat(robot.lookup("#phraseWords .phrase-word").queryAllAs(Label.class)).hasSize(24);
        assertThat(robot.lookup("#phraseContinue").query().isDisabled()).isTrue();
        app.saveScreenshot("recovery-phrase.png");
        robot.clickOn("#writtenDown");
        robot.clickOn("#phraseContinue");
        app.waitUntil(() -> app.present("#homeScreen"));

        app.importFile(TestFiles.jorgeBrekke());
        app.saveScreenshot("import.png");
        assertThat(app.text("#importStatus")).startsWith("Done: 315 new");

        // Records: his allergies, then his immunizations, with readable details.
        robot.clickOn("#nav-records");
        robot.clickOn("#category-ALLERGIES");
        List<String> allergies = recordTitles();
        assertThat(allergies).hasSize(10).contains("Allergy to eggs", "Allergy to bee venom", "Latex allergy");
        assertThat(app.text("#detailTitle")).isEqualTo(allergies.get(0));
        robot.clickOn("#category-IMMUNIZATIONS");
        List<String> immunizations = recordTitles();
        assertThat(immunizations).hasSize(35).contains("DTaP", "IPV", "MMR");
        app.saveScreenshot("records.png");

        // Lab trends: hemoglobin over time on the chart.
        robot.clickOn("#nav-labs");
        ComboBox<LabSeries> codes = robot.lookup("#labCodeChoice").queryComboBox();
        LabSeries hemoglobin = codes.getItems().stream().filter(s -> s.code().equals("718-7")).findFirst().orElseThrow();
        robot.interact(() -> codes.getSelectionModel().select(hemoglobin));
        LineChart<?, ?> chart = robot.lookup("#labChart").queryAs(LineChart.class);
        assertThat(chart.getData()).hasSize(1);
        assertThat(chart.getData().get(0).getData()).hasSize(hemoglobin.points().size()).hasSizeGreaterThanOrEqualTo(2);
        app.saveScreenshot("lab-trends.png");

        // Ledger: Sync verifies the embedded dev network (started on loopback) and lists its validators.
        robot.clickOn("#nav-ledger");
        app.waitUntil(() -> app.present("#ledgerScreen") && !robot.lookup("#ledgerSync").queryButton().isDisabled());
        robot.clickOn("#ledgerSync");
        app.waitUntil(() -> app.text("#ledgerMessage").startsWith("Verified up to height"));
        assertThat(robot.lookup("#ledgerValidators").queryAs(javafx.scene.layout.VBox.class).getChildren()).hasSize(4);
        app.saveScreenshot("ledger.png");

        // Lock: the records leave the screen and the view models.
        robot.clickOn("#lockButton");
        app.waitUntil(() -> app.present("#unlockScreen"));
        app.saveScreenshot("unlock.png");
        assertThat(robot.lookup("#recordList").tryQuery()).isEmpty();
        assertThat(codes.getItems()).isEmpty();

        // Unlock: a wrong passphrase is said inline, the right one opens the same records.
        app.paste("#unlockPassphrase", "not my passphrase");
        robot.clickOn("#unlockButton");
        app.waitUntil(() -> !app.text("#unlockError").isEmpty());
        assertThat(app.text("#unlockError")).isEqualTo("The passphrase does not open this wallet.");
        app.paste("#unlockPassphrase", PASSPHRASE);
        robot.clickOn("#unlockButton");
        app.waitUntil(() -> app.present("#homeScreen"));
        app.saveScreenshot("home.png");
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
        app.start(temp.resolve("sample"));
        robot.clickOn("#restoreButton");
        app.waitUntil(() -> app.present("#restoreScreen"));
        app.saveScreenshot("restore.png");
        robot.clickOn("#restoreBack");
        app.waitUntil(() -> app.present("#welcomeScreen"));
        app.createWallet(PASSPHRASE);
        app.importFile(TestFiles.samplePatient());
        assertThat(app.text("#importStatus")).startsWith("Done: 77 new");

        robot.clickOn("#nav-home");
        app.saveScreenshot("sample-home.png");
        robot.clickOn("#tile-LAB_RESULTS");
        assertThat(recordTitles()).hasSize(35).contains("Hemoglobin A1c/Hemoglobin.total in Blood");
        Path shot = app.saveScreenshot("sample-records.png");
        if (Boolean.getBoolean("healthwallet.updateScreenshots")) {
            Path docs = TestFiles.root().resolve("docs");
            Files.createDirectories(docs);
            Files.copy(shot, docs.resolve("screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        robot.clickOn("#nav-labs");
        ComboBox<LabSeries> codes = robot.lookup("#labCodeChoice").queryComboBox();
        robot.interact(() -> codes.getSelectionModel().select(codes.getItems().stream()
                .filter(s -> s.code().equals("4548-4")).findFirst().orElseThrow()));
        app.saveScreenshot("sample-lab-trends.png");

        // 中文: every label of the window comes from the Chinese bundle, the records' words too.
        robot.clickOn("#nav-settings");
        app.saveScreenshot("sample-settings.png");
        ComboBox<?> language = robot.lookup("#languageChoice").queryComboBox();
        robot.interact(() -> language.getSelectionModel().select(1));
        app.waitUntil(() -> robot.lookup("#nav-records").queryLabeled().getText().equals("记录"));
        robot.clickOn("#nav-records");
        robot.clickOn("#category-ALLERGIES");
        assertThat(robot.lookup("#detailTitle").queryLabeled().getText()).startsWith("对").endsWith("过敏");
        app.saveScreenshot("sample-records-zh.png");

        robot.clickOn("#nav-settings");
        robot.clickOn("#themeDark");
        robot.clickOn("#nav-records");
        app.saveScreenshot("sample-records-dark.png");
    }

    private List<String> recordTitles() {
        WaitForAsyncUtils.waitForFxEvents();
        ListView<RecordSummary> list = robot.lookup("#recordList").queryListView();
        TextRenderer english = TextRenderer.english();
        return list.getItems().stream().map(s -> english.render(s.title())).toList();
    }
}
