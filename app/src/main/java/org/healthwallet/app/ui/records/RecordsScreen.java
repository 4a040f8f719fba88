package org.healthwallet.app.ui.records;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.CategoryLook;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.SummaryRow;
import org.healthwallet.app.ui.home.HomeViewModel.CategoryCount;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordDetail;
import org.healthwallet.core.records.RecordSummary;
import org.kordamp.ikonli.feather.Feather;

/**
 * Records: categories on the left, the chosen category's records in the middle, and the chosen
 * record on the right, readable or as the raw JSON.
 */
public final class RecordsScreen {
    private final BorderPane view = new BorderPane();

    public RecordsScreen(RecordsViewModel model, Messages text) {
        ListView<CategoryCount> categories = new ListView<>(model.categories());
        categories.setId("categoryList");
        categories.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "category-list");
        categories.setCellFactory(list -> new CategoryCell(text));
        // The list follows the model (home's tiles choose a category too) and the model the list.
        categories.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.category() != model.categoryProperty().get()) {
                model.select(b.category());
            }
        });
        Runnable selectCategory = () -> categories.getItems().stream()
                .filter(c -> c.category() == model.categoryProperty().get()).findFirst()
                .ifPresentOrElse(c -> categories.getSelectionModel().select(c),
                        () -> categories.getSelectionModel().clearSelection());
        model.categoryProperty().addListener((o, a, b) -> selectCategory.run());
        model.categories().addListener((javafx.collections.ListChangeListener<CategoryCount>) c -> selectCategory.run());
        selectCategory.run();

        ListView<RecordSummary> records = new ListView<>(model.records());
        records.setId("recordList");
        records.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "record-list");
        records.setCellFactory(list -> new RecordCell(text));
        records.setPlaceholder(new Label(text.get("records.none")));
        records.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != model.selectedProperty().get()) {
                model.selectedProperty().set(b);
            }
        });
        Runnable selectRecord = () -> {
            RecordSummary s = model.selectedProperty().get();
            if (s == null) {
                records.getSelectionModel().clearSelection();
            } else if (records.getSelectionModel().getSelectedItem() != s) {
                records.getSelectionModel().select(s);
                records.scrollTo(s);
            }
        };
        model.selectedProperty().addListener((o, a, b) -> selectRecord.run());
        selectRecord.run();

        Label listTitle = new Label();
        listTitle.getStyleClass().addAll(Styles.TITLE_4, "pane-title");
        Runnable retitle = () -> {
            Category c = model.categoryProperty().get();
            listTitle.setText(c == null ? "" : text.format("records.listTitle", CategoryLook.name(c, text), model.records().size()));
        };
        model.categoryProperty().addListener((o, a, b) -> retitle.run());
        model.records().addListener((javafx.collections.ListChangeListener<RecordSummary>) c -> retitle.run());
        retitle.run();
        BorderPane middle = new BorderPane(records);
        middle.setTop(listTitle);
        BorderPane.setMargin(listTitle, new Insets(14, 16, 10, 16));

        Label categoriesTitle = new Label(text.get("records.categories"));
        categoriesTitle.getStyleClass().addAll(Styles.TITLE_4, "pane-title");
        BorderPane left = new BorderPane(categories);
        left.setTop(categoriesTitle);
        BorderPane.setMargin(categoriesTitle, new Insets(14, 16, 10, 16));

        StackPane detail = new StackPane();
        detail.getStyleClass().add("detail-pane");
        Runnable showDetail = () -> detail.getChildren().setAll(detailView(model, text));
        model.detailProperty().addListener((o, a, b) -> showDetail.run());
        showDetail.run();

        SplitPane split = new SplitPane(left, middle, detail);
        split.setId("recordsSplit");
        split.setDividerPositions(0.235, 0.58);
        left.setMinWidth(200);
        SplitPane.setResizableWithParent(left, false);
        view.setCenter(split);
        Label title = ScreenParts.title(text.get("records.title"));
        HBox header = new HBox(title);
        header.getStyleClass().add("records-header");
        header.setPadding(new Insets(22, 28, 14, 28));
        view.setTop(header);
        view.setId("recordsScreen");
    }

    public Parent view() {
        return view;
    }

    private static Node detailView(RecordsViewModel model, Messages text) {
        return detailView(model.detailProperty().get(), model.jsonProperty().get(), model::open, text);
    }

    /**
     * One record laid out for reading (its detail rows, references as links to {@code open}) and as
     * its JSON; also used by the doctor's viewer for shared records. {@code detail} null: a hint.
     */
    public static Node detailView(RecordDetail detail, String jsonText,
                                  java.util.function.Consumer<org.healthwallet.core.records.StoredRecord> open, Messages text) {
        if (detail == null) {
            VBox empty = new VBox(10, ScreenParts.icon(Feather.FILE_TEXT, 36), new Label(text.get("records.pick")));
            empty.setAlignment(Pos.CENTER);
            empty.getStyleClass().add(Styles.TEXT_MUTED);
            return empty;
        }
        RecordSummary summary = detail.summary();
        Label heading = new Label(text.records().render(summary.title()));
        heading.setId("detailTitle");
        heading.getStyleClass().addAll(Styles.TITLE_3);
        heading.setWrapText(true);
        Label category = new Label(CategoryLook.name(summary.category(), text));
        category.getStyleClass().addAll("type-chip", CategoryLook.styleClass(summary.category()));
        Label date = new Label(SummaryRow.date(summary, text));
        date.getStyleClass().addAll(Styles.TEXT_MUTED);
        HBox meta = new HBox(10, category, date);
        meta.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(8, heading, meta);
        header.setPadding(new Insets(18, 22, 8, 22));

        GridPane rows = new GridPane();
        rows.setId("detailRows");
        rows.getStyleClass().add("detail-rows");
        rows.setHgap(18);
        rows.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(120);
        labels.setPrefWidth(150);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(120);
        rows.getColumnConstraints().addAll(labels, values);
        int r = 0;
        for (RecordDetail.Row row : detail.rows()) {
            Label label = new Label(text.records().render(row.label()));
            label.getStyleClass().addAll(Styles.TEXT_MUTED, "detail-label");
            label.setWrapText(true);
            String value = text.records().render(row.value());
            Node valueNode;
            if (row.link().isPresent()) {
                Hyperlink link = new Hyperlink(value);
                link.setWrapText(true);
                link.setOnAction(e -> open.accept(row.link().get()));
                valueNode = link;
            } else {
                Label plain = new Label(value);
                plain.setWrapText(true);
                plain.getStyleClass().add("detail-value");
                valueNode = plain;
            }
            GridPane.setValignment(label, javafx.geometry.VPos.TOP);
            rows.addRow(r++, label, valueNode);
        }
        ScrollPane readable = new ScrollPane(rows);
        readable.setFitToWidth(true);
        readable.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        rows.setPadding(new Insets(8, 22, 22, 22));

        TextArea json = new TextArea(jsonText);
        json.setId("rawJson");
        json.setEditable(false);
        json.getStyleClass().add("raw-json");

        Tab readableTab = new Tab(text.get("records.tab.details"), readable);
        readableTab.setId("detailsTab");
        Tab jsonTab = new Tab(text.get("records.tab.json"), json);
        jsonTab.setId("jsonTab");
        TabPane tabs = new TabPane(readableTab, jsonTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPadding(new Insets(0, 12, 0, 12));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        return new VBox(4, header, tabs);
    }

    private static final class CategoryCell extends ListCell<CategoryCount> {
        private final Messages text;

        CategoryCell(Messages text) {
            this.text = text;
        }

        @Override protected void updateItem(CategoryCount item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(CategoryLook.name(item.category(), text));
            name.setMinWidth(0);
            Label count = new Label(Integer.toString(item.count()));
            count.getStyleClass().addAll("count-pill");
            count.setMinWidth(Region.USE_PREF_SIZE);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox row = new HBox(10, CategoryLook.badge(item.category(), 12), name, gap, count);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setPrefWidth(0); // fit the cell: the list never scrolls sideways
            setText(null);
            setGraphic(row);
            setId("category-" + item.category().name());
        }
    }

    private static final class RecordCell extends ListCell<RecordSummary> {
        private final Messages text;

        RecordCell(Messages text) {
            this.text = text;
        }

        @Override protected void updateItem(RecordSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            HBox row = SummaryRow.of(item, text, false);
            row.setPrefWidth(0); // let the cell's width decide; long titles are cut, not widen the list
            setText(null);
            setGraphic(row);
        }
    }
}
