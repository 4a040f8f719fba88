package org.healthwallet.app.ui.home;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordSummary;

/** Home: how many records of each kind, and the most recent ones. Empty while locked. */
public final class HomeViewModel {
    /** How many recent records home lists. */
    public static final int RECENT = 8;

    /** One tile on home. */
    public record CategoryCount(Category category, int count) {}

    private final ObservableList<CategoryCount> counts = FXCollections.observableArrayList();
    private final ObservableList<RecordSummary> recent = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(0);

    public HomeViewModel(WalletSession session) {
        session.overviewProperty().addListener((o, was, now) -> show(now));
        show(session.overview());
    }

    /** Every category that holds records, in the display order of {@link Category}. */
    public ObservableList<CategoryCount> counts() { return FXCollections.unmodifiableObservableList(counts); }

    public ObservableList<RecordSummary> recent() { return FXCollections.unmodifiableObservableList(recent); }

    public ReadOnlyIntegerProperty totalProperty() { return total.getReadOnlyProperty(); }

    private void show(RecordsOverview overview) {
        if (overview == null) {
            counts.clear();
            recent.clear();
            total.set(0);
            return;
        }
        counts.setAll(java.util.Arrays.stream(Category.values())
                .map(c -> new CategoryCount(c, overview.count(c)))
                .filter(c -> c.count() > 0)
                .toList());
        recent.setAll(overview.recent(RECENT));
        total.set(overview.index().size());
    }
}
