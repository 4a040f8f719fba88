package org.healthwallet.app.ui.accesslog;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.healthwallet.app.ui.accesslog.AccessLogViewModel.ShareChoice;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WorkProgress;
import org.healthwallet.core.accesslog.AccessView;
import org.kordamp.ikonli.feather.Feather;

/**
 * The access log: who opened the patient's shares, newest first, each with a badge naming the
 * ledger height that proves it; filters by share, recipient and date; a sync with progress and
 * cancel; CSV export. When the last sync failed a banner says why, above the last verified log.
 */
public final class AccessLogScreen {
    private final VBox view;

    /**
     * @param chooseExportFile asks where to save the CSV (the title given); {@code null} when the patient cancels
     */
    public AccessLogScreen(AccessLogViewModel model, Messages text, Function<String, File> chooseExportFile) {
        // The same style as the shares list, so a share's "created" and its accesses read alike.
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(text.locale()).withZone(model.zone());

        Label warning = new Label(null, ScreenParts.icon(Feather.ALERT_TRIANGLE, 18));
        warning.setId("accessLogWarning");
        warning.getStyleClass().add("access-warning");
        warning.setWrapText(true);
        warning.setMaxWidth(Double.MAX_VALUE);
        warning.setMinHeight(Region.USE_PREF_SIZE);
        warning.textProperty().bind(Bindings.createStringBinding(
                () -> UserText.render(model.warningProperty().get(), text), model.warningProperty()));
        warning.visibleProperty().bind(model.warningProperty().isNotNull());
        warning.managedProperty().bind(warning.visibleProperty());

        Button sync = new Button(text.get("accesslog.sync"), ScreenParts.icon(Feather.REFRESH_CW, 14));
        sync.setId("accessLogSync");
        sync.getStyleClass().add(Styles.ACCENT);
        sync.disableProperty().bind(model.runningProperty());
        sync.setOnAction(e -> model.sync());
        HBox progress = WorkProgress.of("accessLog", model.runningProperty(), model.progressProperty(), model::cancel, text);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button export = new Button(text.get("accesslog.export"), ScreenParts.icon(Feather.SAVE, 14));
        export.setId("accessLogExport");
        export.getStyleClass().add(Styles.BUTTON_OUTLINED);
        export.disableProperty().bind(Bindings.isEmpty(model.shown()));
        export.setOnAction(e -> {
            File file = chooseExportFile.apply(text.get("accesslog.export.title"));
            if (file != null) {
                model.export(file.toPath());
            }
        });
        HBox actions = new HBox(10, sync, progress, gap, export);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label status = line("accessLogStatus", model.statusProperty(), text);
        Label exported = line("accessLogExported", model.exportedProperty(), text);

        VBox page = ScreenParts.page(text.get("accesslog.title"), text.get("accesslog.subtitle"),
                warning, new VBox(6, actions, status, exported), filters(model, text), table(model, text, when));
        page.setId("accessLogScreen");
        VBox.setVgrow(page.getChildren().get(page.getChildren().size() - 1), Priority.ALWAYS);
        view = page;
    }

    /** Who opened it, with a mark under the name when a caregiver made the share or fetched their copy. */
    private static TableColumn<AccessView, AccessView> recipientColumn(AccessLogViewModel model, Messages text) {
        TableColumn<AccessView, AccessView> who = new TableColumn<>(text.get("accesslog.col.recipient"));
        who.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        who.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(AccessView v, boolean empty) {
                super.updateItem(v, empty);
                setText(null);
                setGraphic(null);
                if (empty || v == null) {
                    return;
                }
                Label name = new Label(v.recipient());
                if (v.unopenable().isPresent()) {
                    // The entry is on the ledger and verified, but its sealed details did not open here.
                    name.setText(text.get("accesslog.unopenable"));
                    name.getStyleClass().add(Styles.WARNING);
                    name.setTooltip(new javafx.scene.control.Tooltip(text.format("accesslog.unopenable.tip", v.unopenable().get())));
                }
                UserText mark = model.caregiverMark(v);
                if (mark == null) {
                    setGraphic(name);
                    return;
                }
                Label by = new Label(mark.render(text), ScreenParts.icon(Feather.USERS, 12));
                by.getStyleClass().addAll("caregiver-mark", Styles.TEXT_SMALL, Styles.ACCENT);
                by.setAccessibleText(text.format("accesslog.mark.accessible", mark.render(text)));
                setGraphic(new javafx.scene.layout.VBox(2, name, by));
            }
        });
        who.setPrefWidth(200);
        return who;
    }

    public Parent view() {
        return view;
    }

    private static Label line(String id, javafx.beans.value.ObservableValue<UserText> value, Messages text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.textProperty().bind(Bindings.createStringBinding(() -> UserText.render(value.getValue(), text), value));
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private static FlowPane filters(AccessLogViewModel model, Messages text) {
        // "All shares" is the null choice at the top of the list.
        ObservableList<ShareChoice> choices = FXCollections.observableArrayList();
        Runnable fillChoices = () -> {
            choices.setAll(model.shares());
            choices.add(0, null);
        };
        model.shares().addListener((ListChangeListener<ShareChoice>) c -> fillChoices.run());
        fillChoices.run();
        ComboBox<ShareChoice> share = new ComboBox<>(choices);
        share.setId("accessLogShareFilter");
        share.setPromptText(text.get("accesslog.filter.allShares"));
        share.setConverter(new StringConverter<>() {
            @Override public String toString(ShareChoice c) {
                return c == null ? text.get("accesslog.filter.allShares") : shareName(c.label().orElse(null), c.shareId(), text);
            }

            @Override public ShareChoice fromString(String s) {
                return null;
            }
        });
        share.valueProperty().bindBidirectional(model.shareFilterProperty());
        share.setPrefWidth(220);

        ComboBox<String> recipient = new ComboBox<>(model.recipients());
        recipient.setId("accessLogRecipientFilter");
        recipient.setEditable(true);
        recipient.setPromptText(text.get("accesslog.filter.recipient"));
        recipient.getEditor().textProperty().bindBidirectional(model.recipientFilterProperty());
        recipient.setPrefWidth(220);

        DatePicker from = new DatePicker();
        from.setId("accessLogFrom");
        from.setPromptText(text.get("accesslog.filter.from"));
        from.valueProperty().bindBidirectional(model.fromFilterProperty());
        from.setPrefWidth(150);
        DatePicker to = new DatePicker();
        to.setId("accessLogTo");
        to.setPromptText(text.get("accesslog.filter.to"));
        to.valueProperty().bindBidirectional(model.toFilterProperty());
        to.setPrefWidth(150);

        Button clear = new Button(text.get("accesslog.filter.clear"), ScreenParts.icon(Feather.X_CIRCLE, 14));
        clear.setId("accessLogClearFilters");
        clear.getStyleClass().add(Styles.FLAT);
        clear.setOnAction(e -> model.clearFilters());
        Label count = new Label();
        count.setId("accessLogCount");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(
                () -> text.format("accesslog.count", model.shown().size(), model.accesses().size()),
                model.shown(), model.accesses()));

        FlowPane bar = new FlowPane(10, 8, share, recipient, from, to, clear, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setId("accessLogFilters");
        return bar;
    }

    private static TableView<AccessView> table(AccessLogViewModel model, Messages text, DateTimeFormatter when) {
        TableView<AccessView> table = new TableView<>(model.shown());
        table.setId("accessLogTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(text.get("accesslog.none")));
        TableColumn<AccessView, String> at = column(text.get("accesslog.col.when"), 200, v -> when.format(v.at()));
        at.setMinWidth(180); // the time is what the patient reads first: never cut
        table.getColumns().add(at);
        table.getColumns().add(recipientColumn(model, text));
        table.getColumns().add(column(text.get("accesslog.col.share"), 170,
                v -> shareName(v.shareLabel().orElse(null), v.shareId(), text)));
        table.getColumns().add(column(text.get("accesslog.col.files"), 60, v -> Integer.toString(v.files().size())));
        table.getColumns().add(relayColumn(text));
        TableColumn<AccessView, AccessView> verified = new TableColumn<>(text.get("accesslog.col.verified"));
        verified.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        verified.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(AccessView v, boolean empty) {
                super.updateItem(v, empty);
                setText(null);
                setGraphic(null);
                if (!empty && v != null) {
                    // Only verified entries are ever kept, so every row carries the badge.
                    Label badge = new Label(text.format("accesslog.badge", v.provenAtHeight()), ScreenParts.icon(Feather.CHECK_CIRCLE, 14));
                    badge.getStyleClass().addAll("verified-badge", Styles.SUCCESS);
                    badge.setTooltip(new Tooltip(text.format("accesslog.badge.detail", v.recordedAtHeight(), v.provenAtHeight())));
                    setGraphic(badge);
                }
            }
        });
        verified.setPrefWidth(190);
        verified.setMinWidth(170);
        table.getColumns().add(verified);
        table.setPrefHeight(380);
        return table;
    }

    /** The relay by its host on the ledger; the tooltip gives its full key and the height it was admitted at. */
    private static TableColumn<AccessView, AccessView> relayColumn(Messages text) {
        TableColumn<AccessView, AccessView> relay = new TableColumn<>(text.get("accesslog.col.relay"));
        relay.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        relay.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(AccessView v, boolean empty) {
                super.updateItem(v, empty);
                boolean none = empty || v == null;
                setText(none ? null : AccessLogViewModel.relay(v).render(text));
                setTooltip(none ? null : new Tooltip(AccessLogViewModel.relayDetail(v).render(text)));
            }
        });
        relay.setPrefWidth(160);
        relay.setMinWidth(120);
        return relay;
    }

    /** A share by its label, or by the start of its ledger id when the label is unknown or empty. */
    static String shareName(String label, String shareId, Messages text) {
        return label != null && !label.isBlank() ? label
                : text.format("accesslog.share.unlabelled", shareId.substring(0, Math.min(12, shareId.length())));
    }

    private static TableColumn<AccessView, String> column(String title, double width, Function<AccessView, String> value) {
        TableColumn<AccessView, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 120));
        c.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }
}
