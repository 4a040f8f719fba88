package org.healthwallet.app.ui.viewer;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.SummaryRow;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.records.RecordsScreen;
import org.healthwallet.core.records.RecordSummary;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Open a shared link": the form (link or QR image, who is opening, passcode when asked), then the
 * shared records, read-only, with the records screen's rendering.
 */
public final class ViewerScreen {
    private final BorderPane view = new BorderPane();

    /** @param back leaves the viewer (to the welcome screen), or {@code null} inside an open wallet */
    public ViewerScreen(ViewerViewModel model, Messages text, Runnable back) {
        Node form = form(model, text, back);
        Node records = records(model, text);
        Runnable flip = () -> view.setCenter(model.showingRecordsProperty().get() ? records : form);
        model.showingRecordsProperty().addListener((o, a, b) -> flip.run());
        flip.run();
        view.setId("viewerScreen");
    }

    public Parent view() {
        return view;
    }

    private Node form(ViewerViewModel model, Messages text, Runnable back) {
        TextArea link = new TextArea();
        link.setId("viewerLink");
        link.setPromptText(text.get("viewer.link.prompt"));
        link.setWrapText(true);
        link.setPrefRowCount(3);
        link.textProperty().bindBidirectional(model.linkProperty());
        Button qr = new Button(text.get("viewer.qrImage"), ScreenParts.icon(Feather.IMAGE, 16));
        qr.setId("viewerQrImage");
        qr.getStyleClass().add(Styles.BUTTON_OUTLINED);
        qr.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(text.get("viewer.qrImage"));
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter(text.get("viewer.filter.images"), "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"),
                    new FileChooser.ExtensionFilter(text.get("import.filter.all"), "*"));
            File file = chooser.showOpenDialog(view.getScene().getWindow());
            if (file != null) {
                model.readQrImage(file.toPath());
            }
        });
        Label label = new Label();
        label.getStyleClass().addAll(Styles.TEXT_MUTED);
        label.textProperty().bind(Bindings.createStringBinding(() -> model.labelProperty().get().isEmpty() ? ""
                : text.format("viewer.label", model.labelProperty().get()), model.labelProperty()));
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());

        TextField recipient = new TextField();
        recipient.setId("viewerRecipient");
        recipient.setPromptText(text.get("viewer.recipient.prompt"));
        recipient.textProperty().bindBidirectional(model.recipientProperty());
        Label recipientHint = new Label(text.get("viewer.recipient.hint"));
        recipientHint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        recipientHint.setWrapText(true);

        PasswordField passcode = new PasswordField();
        passcode.setId("viewerPasscode");
        passcode.textProperty().bindBidirectional(model.passcodeProperty());
        VBox passcodeBox = new VBox(6, new Label(text.get("viewer.passcode")), passcode);
        passcodeBox.visibleProperty().bind(model.needsPasscodeProperty());
        passcodeBox.managedProperty().bind(passcodeBox.visibleProperty());

        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));
        error.setId("viewerError");

        Button open = new Button(text.get("viewer.open"), ScreenParts.icon(Feather.EYE, 16));
        open.setId("viewerOpen");
        open.getStyleClass().add(Styles.ACCENT);
        open.setDefaultButton(true);
        open.disableProperty().bind(model.busyProperty());
        open.setOnAction(e -> model.open());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());
        HBox actions = new HBox(12, open, spinner);
        actions.setAlignment(Pos.CENTER_LEFT);
        if (back != null) {
            Button leave = new Button(text.get("common.back"));
            leave.setId("viewerBack");
            leave.getStyleClass().add(Styles.FLAT);
            leave.setOnAction(e -> back.run());
            actions.getChildren().add(0, leave);
        }
        VBox fields = new VBox(10,
                new Label(text.get("viewer.link")), link, qr, label,
                new Label(text.get("viewer.recipient")), recipient, recipientHint,
                passcodeBox, error, actions);
        fields.setMaxWidth(620);
        VBox page = ScreenParts.page(text.get("viewer.title"), text.get("viewer.subtitle"), fields);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private Node records(ViewerViewModel model, Messages text) {
        ListView<RecordSummary> list = new ListView<>(model.records());
        list.setId("viewerRecords");
        list.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "record-list");
        list.setPlaceholder(new Label(text.get("records.none")));
        list.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(RecordSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                HBox row = SummaryRow.of(item, text, true);
                row.setPrefWidth(0);
                setGraphic(row);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != model.selectedProperty().get()) {
                model.selectedProperty().set(b);
            }
        });
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != null && list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
                list.scrollTo(b);
            }
        });
        StackPane detail = new StackPane();
        detail.getStyleClass().add("detail-pane");
        Runnable showDetail = () -> detail.getChildren().setAll(RecordsScreen.detailView(
                model.detailProperty().get(), model.jsonProperty().get(), model::openReferenced, text));
        model.detailProperty().addListener((o, a, b) -> showDetail.run());
        showDetail.run();
        SplitPane split = new SplitPane(list, detail);
        split.setDividerPositions(0.42);

        Label title = ScreenParts.title(text.get("viewer.records.title"));
        Label subtitle = new Label();
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.textProperty().bind(Bindings.createStringBinding(() -> text.format("viewer.records.subtitle",
                model.records().size(), model.labelProperty().get().isEmpty() ? "-" : model.labelProperty().get()),
                model.records(), model.labelProperty()));
        Button another = new Button(text.get("viewer.another"), ScreenParts.icon(Feather.LINK, 16));
        another.setId("viewerAnother");
        another.getStyleClass().add(Styles.BUTTON_OUTLINED);
        another.setOnAction(e -> model.openAnother());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(16, new VBox(4, title, subtitle), gap, another);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(22, 28, 14, 28));
        Label readOnly = new Label(text.get("viewer.readOnly"), ScreenParts.icon(Feather.LOCK, 14));
        readOnly.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        BorderPane pane = new BorderPane(split);
        pane.setTop(new VBox(header));
        pane.setBottom(readOnly);
        BorderPane.setMargin(readOnly, new Insets(6, 28, 10, 28));
        return pane;
    }
}
