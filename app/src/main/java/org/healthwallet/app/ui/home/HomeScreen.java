package org.healthwallet.app.ui.home;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.CategoryLook;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.SummaryRow;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordSummary;
import org.kordamp.ikonli.feather.Feather;

/**
 * Home: a notice of accesses since the patient last looked at the access log, a tile per category
 * with its count (a click lists it), and the most recent records.
 */
public final class HomeScreen {
    private final VBox view;

    /** How many accesses are new since the patient last looked at the access log, and how to open it. */
    public record AccessNotice(ReadOnlyIntegerProperty unseen, Runnable openLog) {}

    /**
     * @param openCategory lists a category on the records page
     * @param openImport goes to the import page (from the empty wallet's prompt)
     * @param accesses the notice of new accesses (shown only when there are some)
     */
    public HomeScreen(HomeViewModel model, Messages text, Consumer<Category> openCategory, Runnable openImport,
                      AccessNotice accesses) {
        FlowPane tiles = new FlowPane(14, 14);
        tiles.setId("categoryTiles");
        VBox recent = new VBox(0);
        recent.setId("recentRecords");
        recent.getStyleClass().add("list-card");
        Label recentTitle = ScreenParts.sectionTitle(text.get("home.recent"));
        VBox recentSection = new VBox(10, recentTitle, recent);

        Label emptyTitle = new Label(text.get("home.empty"));
        emptyTitle.getStyleClass().add(Styles.TITLE_3);
        Label emptyDetail = ScreenParts.subtitle(text.get("home.empty.detail"));
        Button importButton = new Button(text.get("home.empty.import"), ScreenParts.icon(Feather.DOWNLOAD, 16));
        importButton.getStyleClass().add(Styles.ACCENT);
        importButton.setOnAction(e -> openImport.run());
        VBox empty = new VBox(12, ScreenParts.icon(Feather.INBOX, 44), emptyTitle, emptyDetail, importButton);
        empty.setAlignment(Pos.CENTER);
        empty.getStyleClass().add("empty-state");

        HBox notice = accessNotice(accesses, text);

        Label subtitle = ScreenParts.subtitle("");
        view = ScreenParts.page(text.get("home.title"), null, subtitle, notice, tiles, recentSection, empty);
        view.setId("homeScreen");

        Runnable fill = () -> {
            int total = model.totalProperty().get();
            subtitle.setText(text.format("home.subtitle", total));
            tiles.getChildren().setAll(model.counts().stream().map(c -> tile(c, text, openCategory)).toList());
            recent.getChildren().setAll(model.recent().stream().map(s -> recentRow(s, text)).toList());
            boolean hasRecords = total > 0;
            for (var part : new javafx.scene.Node[] {tiles, recentSection}) {
                part.setVisible(hasRecords);
                part.setManaged(hasRecords);
            }
            recentSection.setVisible(hasRecords && !model.recent().isEmpty());
            recentSection.setManaged(recentSection.isVisible());
            empty.setVisible(!hasRecords);
            empty.setManaged(!hasRecords);
        };
        model.counts().addListener((ListChangeListener<HomeViewModel.CategoryCount>) c -> fill.run());
        model.recent().addListener((ListChangeListener<RecordSummary>) c -> fill.run());
        model.totalProperty().addListener((o, a, b) -> fill.run());
        fill.run();
    }

    public Parent view() {
        return view;
    }

    private static HBox accessNotice(AccessNotice accesses, Messages text) {
        Label words = new Label();
        words.setId("accessNoticeText");
        words.setWrapText(true);
        words.textProperty().bind(Bindings.createStringBinding(
                () -> text.format("home.accesses", accesses.unseen().get()), accesses.unseen()));
        Button open = new Button(text.get("home.accesses.open"), ScreenParts.icon(Feather.EYE, 14));
        open.setId("accessNoticeOpen");
        open.getStyleClass().add(Styles.ACCENT);
        open.setOnAction(e -> accesses.openLog().run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox notice = new HBox(12, ScreenParts.icon(Feather.BELL, 18), words, gap, open);
        notice.setId("accessNotice");
        notice.getStyleClass().add("access-notice");
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.visibleProperty().bind(accesses.unseen().greaterThan(0));
        notice.managedProperty().bind(notice.visibleProperty());
        return notice;
    }

    private static Button tile(HomeViewModel.CategoryCount count, Messages text, Consumer<Category> open) {
        Label number = new Label(Integer.toString(count.count()));
        number.getStyleClass().addAll(Styles.TITLE_2, "tile-count");
        Label name = new Label(CategoryLook.name(count.category(), text));
        name.getStyleClass().addAll(Styles.TEXT_MUTED, "tile-name");
        VBox words = new VBox(0, number, name);
        HBox content = new HBox(14, CategoryLook.badge(count.category(), 18), words);
        content.setAlignment(Pos.CENTER_LEFT);
        Button tile = new Button(null, content);
        tile.setId("tile-" + count.category().name());
        tile.getStyleClass().add("category-tile");
        tile.setOnAction(e -> open.accept(count.category()));
        return tile;
    }

    private static HBox recentRow(RecordSummary summary, Messages text) {
        HBox row = SummaryRow.of(summary, text, true);
        row.getStyleClass().add("list-card-row");
        return row;
    }
}
