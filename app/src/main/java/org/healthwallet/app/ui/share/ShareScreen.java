package org.healthwallet.app.ui.share;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.share.SharesViewModel.Row;
import org.healthwallet.core.share.Share;
import org.kordamp.ikonli.feather.Feather;

/** Share: a tab to make a new share (the wizard) and a tab with the shares made, to revoke them. */
public final class ShareScreen {
    private final BorderPane view = new BorderPane();

    public ShareScreen(ShareWizardViewModel wizard, SharesViewModel shares, Messages text, ZoneId zone) {
        ShareWizardScreen wizardScreen = new ShareWizardScreen(wizard, text, zone, shares::refresh);
        ScrollPane wizardScroll = new ScrollPane(padded(wizardScreen.view()));
        wizardScroll.setFitToWidth(true);
        wizardScroll.getStyleClass().add("page-scroll");
        Tab create = new Tab(text.get("share.tab.new"), wizardScroll);
        create.setId("shareNewTab");
        Tab list = new Tab(text.get("share.tab.list"), padded(list(shares, text, zone)));
        list.setId("shareListTab");
        TabPane tabs = new TabPane(create, list);
        tabs.setId("shareTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b == list) {
                shares.refresh();
            }
        });
        VBox header = new VBox(4, ScreenParts.title(text.get("share.title")), ScreenParts.subtitle(text.get("share.subtitle")));
        header.setPadding(new Insets(22, 28, 8, 28));
        view.setTop(header);
        view.setCenter(tabs);
        view.setId("shareScreen");
    }

    public Parent view() {
        return view;
    }

    private static Node padded(Node content) {
        VBox box = new VBox(content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setPadding(new Insets(18, 28, 24, 28));
        return box;
    }

    private static Node list(SharesViewModel model, Messages text, ZoneId zone) {
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(text.locale()).withZone(zone);
        TableView<Row> table = new TableView<>(model.rows());
        table.setId("sharesTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(text.get("shares.none")));
        table.getColumns().add(column(text.get("shares.col.label"), 150,
                r -> r.share().label().orElse(text.get("share.done.untitled"))));
        table.getColumns().add(column(text.get("shares.col.what"), 120, r -> r.share().selection()));
        table.getColumns().add(column(text.get("shares.col.created"), 150, r -> when.format(r.share().createdAt())));
        table.getColumns().add(column(text.get("shares.col.expires"), 150,
                r -> r.share().expiresAt().map(when::format).orElse("-")));
        TableColumn<Row, Row> state = new TableColumn<>(text.get("shares.col.state"));
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setGraphic(null);
                if (!empty && row != null) {
                    // Revoked on the ledger either way; the relay's deletion of the ciphertext may still wait.
                    Label chip = new Label(row.relayDeletion().isPresent() ? text.get("shares.state.revoked.relayPending")
                            : text.get("shares.state." + row.state().name().toLowerCase()));
                    chip.getStyleClass().add(row.state() == Share.State.ACTIVE ? Styles.SUCCESS : Styles.TEXT_MUTED);
                    row.relayDeletion().ifPresent(d -> chip.setTooltip(new javafx.scene.control.Tooltip(
                            text.format("shares.relayPending.tip", when.format(d.nextTry())))));
                    setGraphic(chip);
                }
            }
        });
        state.setPrefWidth(80);
        table.getColumns().add(state);
        table.getColumns().add(column(text.get("shares.col.forWhom"), 110, r -> r.forWhom().orElse("")));
        // Counted in the verified access log the wallet keeps; a dash when it could not be read.
        table.getColumns().add(column(text.get("shares.col.opened"), 80,
                r -> r.timesOpened().map(String::valueOf).orElse(text.get("shares.opened.unknown"))));
        TableColumn<Row, Row> actions = new TableColumn<>("");
        actions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        actions.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setGraphic(null);
                if (!empty && row != null && row.state() != Share.State.REVOKED) {
                    Button revoke = new Button(text.get("shares.revoke"));
                    revoke.getStyleClass().addAll(Styles.DANGER, Styles.SMALL, Styles.BUTTON_OUTLINED);
                    revoke.disableProperty().bind(model.busyProperty());
                    revoke.setOnAction(e -> {
                        if (confirm(row, text, revoke)) {
                            model.revoke(row);
                        }
                    });
                    setGraphic(revoke);
                }
            }
        });
        actions.setPrefWidth(90);
        actions.setMinWidth(90);
        table.getColumns().add(actions);

        Button refresh = new Button(text.get("shares.refresh"), ScreenParts.icon(Feather.REFRESH_CW, 14));
        refresh.setId("sharesRefresh");
        refresh.getStyleClass().add(Styles.BUTTON_OUTLINED);
        refresh.disableProperty().bind(model.busyProperty());
        refresh.setOnAction(e -> model.refresh());
        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));
        error.setId("sharesError");
        Label notice = new Label();
        notice.setId("sharesNotice");
        notice.setWrapText(true);
        notice.textProperty().bind(Bindings.createStringBinding(
                () -> UserText.render(model.noticeProperty().get(), text), model.noticeProperty()));
        notice.visibleProperty().bind(model.noticeProperty().isNotNull());
        notice.managedProperty().bind(notice.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(10, error, gap, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        table.setPrefHeight(420);
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(12, bar, notice, unfinishedNotice(model, text), table);
    }

    /** Shown only when a share was cut off while being made: what it means, and a way to revoke it. */
    private static Node unfinishedNotice(SharesViewModel model, Messages text) {
        Label note = new Label();
        note.setWrapText(true);
        note.textProperty().bind(Bindings.createStringBinding(() -> text.format("shares.unfinished", model.unfinished().size()),
                model.unfinished()));
        Button revoke = new Button(text.get("shares.unfinished.revoke"));
        revoke.setId("sharesRevokeUnfinished");
        revoke.getStyleClass().addAll(Styles.DANGER, Styles.SMALL, Styles.BUTTON_OUTLINED);
        revoke.disableProperty().bind(model.busyProperty());
        revoke.setOnAction(e -> model.revokeUnfinished());
        HBox box = new HBox(12, note, revoke);
        box.setId("sharesUnfinished");
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(note, Priority.ALWAYS);
        box.visibleProperty().bind(Bindings.isNotEmpty(model.unfinished()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static boolean confirm(Row row, Messages text, Node owner) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner.getScene().getWindow());
        alert.setTitle(text.get("shares.revoke.title"));
        alert.setHeaderText(text.format("shares.revoke.header", row.share().label().orElse(text.get("share.done.untitled"))));
        alert.setContentText(text.get("shares.revoke.detail"));
        ButtonType revoke = new ButtonType(text.get("shares.revoke"), ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(text.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        alert.getButtonTypes().setAll(revoke, keep);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == revoke;
    }

    private static TableColumn<Row, String> column(String title, double width, java.util.function.Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 150)); // dates stay readable; long labels and notes are cut (full text on hover)
        c.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        return c;
    }
}
