package org.healthwallet.app.ui.family;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.ledger.tx.DelegationScope;
import org.kordamp.ikonli.feather.Feather;

/**
 * Caregivers: who may act for the patient (what they may do, until when, active or not), with Renew
 * and Revoke (after a confirmation); and Invite, whose invitation is shown as text and QR code and
 * can be saved to a file. In a dependent's profile it only says that the dependent decides.
 */
public final class CaregiversScreen {
    private final Parent view;

    /** @param chooseSaveFile the window's Save dialog (title → file, or {@code null} for Cancel) */
    public CaregiversScreen(CaregiversViewModel model, Messages text, ZoneId zone, Function<String, File> chooseSaveFile) {
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(text.locale()).withZone(zone);
        Label onlyThem = new Label(text.get("caregivers.onlyDependent"));
        onlyThem.setId("caregiversOnlyDependent");
        onlyThem.getStyleClass().add("caregiver-banner");
        onlyThem.setWrapText(true);
        onlyThem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        onlyThem.visibleProperty().bind(model.onlyTheDependentProperty());
        onlyThem.managedProperty().bind(onlyThem.visibleProperty());

        TableView<CaregiversViewModel.Row> table = new TableView<>(model.rows());
        table.setId("caregiversTable");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label(text.get("caregivers.none")));
        table.getColumns().add(column(text.get("caregivers.col.name"), 200, r -> r.caregiver().label()));
        table.getColumns().add(column(text.get("caregivers.col.scope"), 220, r -> scope(r.caregiver().scope(), text)));
        table.getColumns().add(column(text.get("caregivers.col.ends"), 130, r -> day.format(r.caregiver().endsAt())));
        table.getColumns().add(column(text.get("caregivers.col.state"), 110,
                r -> text.get("caregivers.state." + r.state().name().toLowerCase())));
        TableColumn<CaregiversViewModel.Row, CaregiversViewModel.Row> actions = new TableColumn<>("");
        actions.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        actions.setPrefWidth(200);
        actions.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(CaregiversViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null || row.state() == Caregiver.State.REVOKED) {
                    setGraphic(null);
                    return;
                }
                Button renew = new Button(text.get("caregivers.renew"));
                renew.getStyleClass().add(Styles.SMALL);
                renew.setOnAction(e -> askNewEnd(row, model, text, renew).ifPresent(d -> model.renew(row.caregiver().id(), d)));
                Button revoke = new Button(text.get("caregivers.revoke"));
                revoke.getStyleClass().addAll(Styles.SMALL, Styles.DANGER);
                revoke.setOnAction(e -> {
                    if (confirmRevoke(row, text, revoke)) {
                        model.revoke(row.caregiver().id());
                    }
                });
                renew.disableProperty().bind(model.runningProperty());
                revoke.disableProperty().bind(model.runningProperty());
                setGraphic(new HBox(6, renew, revoke));
            }
        });
        table.getColumns().add(actions);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(170);

        TextArea code = new TextArea();
        code.setId("inviteCode");
        code.setPromptText(text.get("caregivers.invite.code"));
        code.setAccessibleText(text.get("caregivers.invite.code"));
        code.setWrapText(true);
        code.setPrefRowCount(2);
        code.textProperty().bindBidirectional(model.codeProperty());
        TextField label = new TextField();
        label.setId("inviteName");
        label.setPromptText(text.get("caregivers.invite.namePrompt"));
        label.setAccessibleText(text.get("caregivers.invite.name"));
        label.textProperty().bindBidirectional(model.labelProperty());
        TextField me = new TextField();
        me.setId("inviteMyName");
        me.setPromptText(text.get("caregivers.invite.myNamePrompt"));
        me.setAccessibleText(text.get("caregivers.invite.myName"));
        me.textProperty().bindBidirectional(model.myNameProperty());
        CheckBox records = check("scopeRecords", text.get("caregivers.scope.records"), model.recordsProperty());
        CheckBox share = check("scopeShare", text.get("caregivers.scope.share"), model.shareProperty());
        CheckBox revoke = check("scopeRevoke", text.get("caregivers.scope.revoke"), model.revokeProperty());
        DatePicker ends = new DatePicker();
        ends.setId("inviteEnds");
        ends.setAccessibleText(text.get("caregivers.invite.ends"));
        ends.valueProperty().bindBidirectional(model.endsOnProperty());
        DateTimeFormatter shortDay = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(text.locale());
        Label endsHint = new Label(text.format("caregivers.invite.endsHint", shortDay.format(model.latestEnd())));
        endsHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Button invite = new Button(text.get("caregivers.invite.button"), ScreenParts.icon(Feather.SEND, 14));
        invite.setId("inviteButton");
        invite.getStyleClass().add(Styles.ACCENT);
        invite.disableProperty().bind(model.runningProperty());
        invite.setOnAction(e -> model.invite());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label(text.get("caregivers.invite.code")), code);
        form.addRow(1, new Label(text.get("caregivers.invite.name")), label);
        form.addRow(2, new Label(text.get("caregivers.invite.myName")), me);
        form.addRow(3, new Label(text.get("caregivers.invite.scope")), new FlowPane(14, 6, records, share, revoke));
        HBox endsRow = new HBox(10, ends, endsHint);
        endsRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        form.addRow(4, new Label(text.get("caregivers.invite.ends")), endsRow);
        form.add(invite, 1, 5);
        GridPane.setHgrow(code, Priority.ALWAYS);

        ImageView qr = new ImageView();
        qr.setId("invitationQr");
        qr.setSmooth(false); // shown at its own size, module for pixel, so a camera reads it off the screen
        qr.setAccessibleText(text.get("caregivers.made.qr"));
        TextArea made = new TextArea();
        made.setId("invitationOut");
        made.setEditable(false);
        made.setWrapText(true);
        made.setPrefRowCount(5);
        made.setAccessibleText(text.get("caregivers.made.title"));
        Button save = new Button(text.get("caregivers.made.save"), ScreenParts.icon(Feather.SAVE, 14));
        save.setId("saveInvitation");
        save.setOnAction(e -> {
            File file = chooseSaveFile.apply(text.get("caregivers.made.save"));
            if (file != null) {
                model.saveInvitation(file.toPath());
            }
        });
        HBox.setHgrow(made, Priority.ALWAYS);
        Label madeTitle = ScreenParts.sectionTitle("");
        HBox madeRow = new HBox(14, qr, new VBox(8, madeTitle, made, save));
        HBox.setHgrow(madeRow.getChildren().get(1), Priority.ALWAYS);
        madeRow.setId("invitationMade");
        madeRow.visibleProperty().bind(model.madeProperty().isNotNull());
        madeRow.managedProperty().bind(madeRow.visibleProperty());
        model.madeProperty().addListener((o, a, b) -> {
            made.setText(b == null ? "" : b.text());
            madeTitle.setText(b == null ? "" : text.format("caregivers.made.for", b.caregiverLabel()));
            qr.setImage(b == null || b.qrPng() == null ? null : new Image(new ByteArrayInputStream(b.qrPng())));
        });

        ProgressBar working = new ProgressBar(-1);
        working.setId("caregiversProgress");
        working.setMaxWidth(Double.MAX_VALUE);
        working.visibleProperty().bind(model.runningProperty());
        working.managedProperty().bind(working.visibleProperty());
        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));
        error.setId("caregiversError");
        Label done = new Label();
        done.setId("caregiversDone");
        done.getStyleClass().add(Styles.SUCCESS);
        done.setWrapText(true);
        done.textProperty().bind(Bindings.createStringBinding(
                () -> UserText.render(model.doneProperty().get(), text), model.doneProperty()));
        done.visibleProperty().bind(done.textProperty().isNotEmpty());
        done.managedProperty().bind(done.visibleProperty());

        VBox list = FamilyScreen.card(text.get("caregivers.list.title"), text.get("caregivers.list.detail"), table);
        VBox inviteCard = FamilyScreen.card(text.get("caregivers.invite.title"), text.get("caregivers.invite.detail"), form);
        VBox editable = new VBox(18, working, error, done, madeRow, list, inviteCard);
        editable.setId("caregiversEditable");
        editable.visibleProperty().bind(model.onlyTheDependentProperty().not());
        editable.managedProperty().bind(editable.visibleProperty());
        VBox page = ScreenParts.page(text.get("caregivers.title"), text.get("caregivers.subtitle"), onlyThem, editable);
        page.setId("caregiversScreen");
        view = page;
    }

    public Parent view() {
        return view;
    }

    private static CheckBox check(String id, String label, javafx.beans.property.BooleanProperty value) {
        CheckBox box = new CheckBox(label);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    static String scope(DelegationScope scope, Messages text) {
        List<String> parts = new ArrayList<>();
        if (scope.allows(DelegationScope.RECORDS)) {
            parts.add(text.get("caregivers.scope.records.short"));
        }
        if (scope.allows(DelegationScope.SHARE)) {
            parts.add(text.get("caregivers.scope.share.short"));
        }
        if (scope.allows(DelegationScope.REVOKE)) {
            parts.add(text.get("caregivers.scope.revoke.short"));
        }
        return String.join(", ", parts);
    }

    private static Optional<LocalDate> askNewEnd(CaregiversViewModel.Row row, CaregiversViewModel model, Messages text, Node owner) {
        Dialog<LocalDate> dialog = new Dialog<>();
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle(text.get("caregivers.renew.title"));
        dialog.setHeaderText(text.format("caregivers.renew.header", row.caregiver().label()));
        DatePicker picker = new DatePicker(model.latestEnd());
        picker.setId("renewEnds");
        String latest = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(text.locale()).format(model.latestEnd());
        dialog.getDialogPane().setContent(new VBox(8, new Label(text.format("caregivers.invite.endsHint", latest)), picker));
        ButtonType ok = new ButtonType(text.get("caregivers.renew"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, new ButtonType(text.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        dialog.setResultConverter(b -> b == ok ? picker.getValue() : null);
        return dialog.showAndWait();
    }

    private static boolean confirmRevoke(CaregiversViewModel.Row row, Messages text, Node owner) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner.getScene().getWindow());
        alert.setTitle(text.get("caregivers.revoke.title"));
        alert.setHeaderText(text.format("caregivers.revoke.header", row.caregiver().label()));
        alert.setContentText(text.get("caregivers.revoke.detail"));
        ButtonType revoke = new ButtonType(text.get("caregivers.revoke"), ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(text.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        alert.getButtonTypes().setAll(revoke, keep);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == revoke;
    }

    private static TableColumn<CaregiversViewModel.Row, String> column(String title, double width,
                                                                       Function<CaregiversViewModel.Row, String> value) {
        TableColumn<CaregiversViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
