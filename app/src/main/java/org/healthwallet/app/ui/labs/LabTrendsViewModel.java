package org.healthwallet.app.ui.labs;

import java.util.Comparator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.LabSeries;

/** Lab trends: every numeric observation code, and the one charted over time. Empty while locked. */
public final class LabTrendsViewModel {
    private final ObservableList<LabSeries> series = FXCollections.observableArrayList();
    private final ObjectProperty<LabSeries> chosen = new SimpleObjectProperty<>();

    public LabTrendsViewModel(WalletSession session) {
        session.overviewProperty().addListener((o, was, now) -> show(now));
        show(session.overview());
    }

    /** Lab results first, then vital signs, then other measurements, each by name. */
    public ObservableList<LabSeries> series() { return FXCollections.unmodifiableObservableList(series); }

    /** The series on the chart; set it to chart another. */
    public ObjectProperty<LabSeries> chosenProperty() { return chosen; }

    /** Charts the series of this code, if the wallet has one; returns whether it did. */
    public boolean choose(String code) {
        return series.stream().filter(s -> s.code().equals(code)).findFirst().map(s -> {
            chosen.set(s);
            return true;
        }).orElse(false);
    }

    private void show(RecordsOverview overview) {
        if (overview == null) {
            chosen.set(null);
            series.clear();
            return;
        }
        LabSeries before = chosen.get();
        series.setAll(overview.series());
        LabSeries keep = before == null ? null : series.stream()
                .filter(s -> s.code().equals(before.code()) && java.util.Objects.equals(s.unit(), before.unit()))
                .findFirst().orElse(null);
        chosen.set(keep != null ? keep : firstWorthCharting());
    }

    /** A lab result with the most points (a trend shows best with many), else any series. */
    private LabSeries firstWorthCharting() {
        return series.stream()
                .filter(s -> s.category() == Category.LAB_RESULTS)
                .max(Comparator.comparingInt((LabSeries s) -> s.points().size()))
                .orElse(series.isEmpty() ? null : series.get(0));
    }
}
