package org.healthwallet.app.ui.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.ui.home.HomeViewModel;
import org.healthwallet.app.ui.labs.LabTrendsViewModel;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.LabSeries;
import org.healthwallet.core.records.RecordDetail;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.TextRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Home, records and lab trends view models over a real vault holding the sample patient. */
class RecordScreensTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();
    private final TextRenderer english = TextRenderer.english();
    private WalletSession session;

    @BeforeEach
    void openSample() throws Exception {
        VaultHome home = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet")));
        OpenWallet wallet = home.create("Tulip-Orbit-42!".toCharArray()).wallet();
        wallet.importFiles(List.of(TestFiles.samplePatient()), ImportProgress.NONE);
        RecordsOverview overview = RecordsOverview.of(wallet.index());
        session = new WalletSession(fx.background());
        Fx.run(() -> session.open(wallet, overview));
    }

    @AfterEach
    void close() throws Exception {
        Fx.run(session::lock);
    }

    @Test
    void homeCountsEachCategoryAndListsTheNewestRecords() throws Exception {
        HomeViewModel home = Fx.call(() -> new HomeViewModel(session));
        assertThat(home.totalProperty().get()).isEqualTo(77);
        assertThat(home.counts()).contains(new HomeViewModel.CategoryCount(Category.ALLERGIES, 3),
                new HomeViewModel.CategoryCount(Category.IMMUNIZATIONS, 7),
                new HomeViewModel.CategoryCount(Category.LAB_RESULTS, 35));
        assertThat(home.counts()).noneMatch(c -> c.count() == 0);
        assertThat(home.recent()).hasSize(HomeViewModel.RECENT);
        assertThat(home.recent().get(0).date().orElseThrow().text()).startsWith("2024-09-23");
        assertThat(home.recent()).noneMatch(s -> s.category() == Category.OTHER);

        Fx.run(session::lock);
        assertThat(home.counts()).isEmpty();
        assertThat(home.recent()).isEmpty();
        assertThat(home.totalProperty().get()).isZero();
    }

    @Test
    void recordsListACategoryNewestFirstWithDetailAndRawJson() throws Exception {
        RecordsViewModel records = Fx.call(() -> new RecordsViewModel(session));
        Fx.run(() -> records.select(Category.ALLERGIES));
        List<String> titles = records.records().stream().map(s -> english.render(s.title())).toList();
        assertThat(titles).containsExactly("Allergy to Latex", "Allergy to Penicillin", "Allergy to Peanut");

        RecordSummary first = records.selectedProperty().get();
        assertThat(first).isEqualTo(records.records().get(0));
        RecordDetail detail = records.detailProperty().get();
        assertThat(detail.record()).isEqualTo(first.record());
        assertThat(records.jsonProperty().get()).contains("\"resourceType\" : \"AllergyIntolerance\"")
                .contains("\n  \"criticality\" : \"low\"");

        // A link in the detail leads to the record it names, in its own category.
        RecordDetail.Row patientRow = detail.rows().stream().filter(r -> r.link().isPresent()).findFirst().orElseThrow();
        Fx.run(() -> records.open(patientRow.link().get()));
        assertThat(records.categoryProperty().get()).isEqualTo(Category.OTHER);
        assertThat(records.selectedProperty().get().record().resource().resourceType()).isEqualTo("Patient");

        Fx.run(session::lock);
        assertThat(records.categories()).isEmpty();
        assertThat(records.records()).isEmpty();
        assertThat(records.detailProperty().get()).isNull();
        assertThat(records.jsonProperty().get()).isEmpty();
    }

    @Test
    void rawJsonKeepsNumbersAsWritten() {
        assertThat(org.healthwallet.app.wallet.IndentedJson.of("{\"value\":1.50,\"n\":[1e3,-0.0]}"))
                .contains("1.50").contains("1e3").contains("-0.0");
    }

    @Test
    void labTrendsChartTheLabResultWithMostPointsAndAnyChosenCode() throws Exception {
        LabTrendsViewModel labs = Fx.call(() -> new LabTrendsViewModel(session));
        assertThat(labs.series()).extracting(LabSeries::code).contains("4548-4", "2093-3", "8480-6", "29463-7");
        LabSeries chosen = labs.chosenProperty().get();
        assertThat(chosen.category()).isEqualTo(Category.LAB_RESULTS);
        assertThat(chosen.points()).hasSize(7);

        assertThat(Fx.call(() -> labs.choose("4548-4"))).isTrue();
        LabSeries a1c = labs.chosenProperty().get();
        assertThat(a1c.unit()).isEqualTo("%");
        assertThat(a1c.points()).extracting(p -> p.value().toPlainString())
                .containsExactly("7.8", "7.4", "7.1", "6.9", "6.7", "6.5", "6.4");
        assertThat(Fx.call(() -> labs.choose("no-such-code"))).isFalse();
        assertThat(labs.chosenProperty().get()).isEqualTo(a1c);

        Fx.run(session::lock);
        assertThat(labs.series()).isEmpty();
        assertThat(labs.chosenProperty().get()).isNull();
    }
}
