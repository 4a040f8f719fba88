package org.healthwallet.app.ui.records;

import java.util.Arrays;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.ui.home.HomeViewModel.CategoryCount;
import org.healthwallet.app.wallet.IndentedJson;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordDetail;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.StoredRecord;

/**
 * The records screen: categories, the chosen category's records (newest first), and the chosen
 * record laid out for reading and as the JSON it arrived as. Empty while locked.
 */
public final class RecordsViewModel {
    private final WalletSession session;
    private final ObservableList<CategoryCount> categories = FXCollections.observableArrayList();
    private final ObjectProperty<Category> category = new SimpleObjectProperty<>();
    private final ObservableList<RecordSummary> records = FXCollections.observableArrayList();
    private final ObjectProperty<RecordSummary> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<RecordDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper json = new ReadOnlyStringWrapper("");

    public RecordsViewModel(WalletSession session) {
        this.session = session;
        session.overviewProperty().addListener((o, was, now) -> show(now));
        category.addListener((o, was, now) -> listCategory(now));
        selected.addListener((o, was, now) -> showRecord(now));
        show(session.overview());
    }

    /** Categories holding records, with their counts. */
    public ObservableList<CategoryCount> categories() { return FXCollections.unmodifiableObservableList(categories); }

    /** The category listed; set it to list another. */
    public ObjectProperty<Category> categoryProperty() { return category; }

    /** The records of the chosen category, newest first. */
    public ObservableList<RecordSummary> records() { return FXCollections.unmodifiableObservableList(records); }

    /** The record shown in detail; set it to show another. */
    public ObjectProperty<RecordSummary> selectedProperty() { return selected; }

    public ReadOnlyObjectProperty<RecordDetail> detailProperty() { return detail.getReadOnlyProperty(); }

    /** The selected record's JSON, indented for reading, exactly the fields it arrived with. */
    public ReadOnlyStringProperty jsonProperty() { return json.getReadOnlyProperty(); }

    /** Lists a category (from home's tiles). */
    public void select(Category c) {
        category.set(c);
    }

    /** Shows a record that another one refers to (a detail row's link), switching category if needed. */
    public void open(StoredRecord record) {
        RecordsOverview overview = session.overview();
        if (overview == null) {
            return;
        }
        Category c = overview.index().categoryOf(record);
        category.set(c);
        records.stream().filter(s -> s.record().id().equals(record.id())).findFirst().ifPresent(selected::set);
    }

    private void show(RecordsOverview overview) {
        if (overview == null) {
            selected.set(null);
            category.set(null);
            records.clear();
            categories.clear();
            return;
        }
        Category keep = category.get();
        categories.setAll(Arrays.stream(Category.values())
                .map(c -> new CategoryCount(c, overview.count(c)))
                .filter(c -> c.count() > 0)
                .toList());
        if (keep == null || overview.count(keep) == 0) {
            keep = categories.isEmpty() ? null : categories.get(0).category();
        }
        if (keep == category.get()) {
            listCategory(keep); // same category, new records (after an import)
        } else {
            category.set(keep);
        }
    }

    private void listCategory(Category c) {
        RecordsOverview overview = session.overview();
        selected.set(null);
        if (c == null || overview == null) {
            records.clear();
            return;
        }
        records.setAll(overview.summaries(c));
        if (!records.isEmpty()) {
            selected.set(records.get(0));
        }
    }

    private void showRecord(RecordSummary summary) {
        RecordsOverview overview = session.overview();
        if (summary == null || overview == null) {
            detail.set(null);
            json.set("");
            return;
        }
        detail.set(RecordDetail.of(summary.record(), overview.index()));
        json.set(IndentedJson.of(summary.record().resource().json()));
    }
}
