package org.healthwallet.app.ui.family;

import atlantafx.base.theme.Styles;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;
import org.kordamp.ikonli.feather.Feather;

/**
 * Family: add a child (name, date of birth), accept an adult's invitation (pasted, or from a file
 * or QR image), and "My caregiver code" as text and QR code to give to a person who invites you.
 */
public final class FamilyScreen {
    private final Parent view;

    /** @param chooseFile the window's Open dialog (title → file, or {@code null} for Cancel) */
    public FamilyScreen(FamilyViewModel model, Messages text, Function<String, File> chooseFile) {
        // A child
        TextField name = new TextField();
        name.setId("childName");
        name.setPromptText(text.get("family.child.name"));
        name.setAccessibleText(text.get("family.child.name"));
        name.textProperty().bindBidirectional(model.childNameProperty());
        DatePicker born = new DatePicker();
        born.setId("childBorn");
        born.setPromptText(text.get("family.child.born"));
        born.setAccessibleText(text.get("family.child.born"));
        born.valueProperty().bindBidirectional(model.childBornProperty());
        Button add = new Button(text.get("family.child.add"), ScreenParts.icon(Feather.USER_PLUS, 14));
        add.setId("addChild");
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(model.runningProperty());
        add.setOnAction(e -> model.addChild());
        GridPane childForm = new GridPane();
        childForm.setHgap(10);
        childForm.setVgap(8);
        childForm.addRow(0, new Label(text.get("family.child.name")), name);
        childForm.addRow(1, new Label(text.get("family.child.born")), born);
        childForm.add(add, 1, 2);
        name.setPrefColumnCount(24);
        VBox child = card(text.get("family.child.title"), text.get("family.child.detail"), childForm);

        // An adult's invitation
        TextArea invitation = new TextArea();
        invitation.setId("invitationText");
        invitation.setPromptText(text.get("family.accept.prompt"));
        invitation.setAccessibleText(text.get("family.accept.prompt"));
        invitation.setWrapText(true);
        invitation.setPrefRowCount(3);
        invitation.textProperty().bindBidirectional(model.invitationProperty());
        Button fromFile = new Button(text.get("family.accept.file"), ScreenParts.icon(Feather.FILE, 14));
        fromFile.setId("invitationFile");
        fromFile.setOnAction(e -> {
            File chosen = chooseFile.apply(text.get("family.accept.file"));
            if (chosen != null) {
                model.readInvitation(chosen.toPath());
            }
        });
        TextField as = new TextField();
        as.setId("acceptAs");
        as.setPromptText(text.get("family.accept.as"));
        as.setAccessibleText(text.get("family.accept.as"));
        as.textProperty().bindBidirectional(model.myNameProperty());
        HBox.setHgrow(as, Priority.ALWAYS);
        Button accept = new Button(text.get("family.accept.button"), ScreenParts.icon(Feather.CHECK, 14));
        accept.setId("acceptInvitation");
        accept.getStyleClass().add(Styles.ACCENT);
        accept.disableProperty().bind(model.runningProperty().or(model.invitationProperty().isEmpty()));
        accept.setOnAction(e -> model.accept());
        VBox adult = card(text.get("family.accept.title"), text.get("family.accept.detail"),
                invitation, new HBox(10, fromFile, as, accept));

        ProgressBar working = new ProgressBar(-1);
        working.setId("familyProgress");
        working.setMaxWidth(Double.MAX_VALUE);
        working.visibleProperty().bind(model.runningProperty());
        working.managedProperty().bind(working.visibleProperty());
        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));
        error.setId("familyError");
        Label done = new Label();
        done.setId("familyDone");
        done.getStyleClass().add(Styles.SUCCESS);
        done.setWrapText(true);
        done.textProperty().bind(Bindings.createStringBinding(
                () -> UserText.render(model.doneProperty().get(), text), model.doneProperty()));
        done.visibleProperty().bind(done.textProperty().isNotEmpty());
        done.managedProperty().bind(done.visibleProperty());

        // My caregiver code
        Button show = new Button(text.get("family.code.show"), ScreenParts.icon(Feather.MAXIMIZE, 14));
        show.setId("showCaregiverCode");
        show.setOnAction(e -> model.showCode());
        TextArea codeText = new TextArea();
        codeText.setId("caregiverCode");
        codeText.setEditable(false);
        codeText.setWrapText(true);
        codeText.setPrefRowCount(3);
        codeText.setAccessibleText(text.get("family.code.title"));
        codeText.textProperty().bind(model.codeTextProperty());
        ImageView qr = new ImageView();
        qr.setId("caregiverQr");
        qr.setSmooth(false); // shown at its own size, module for pixel, so a camera reads it off the screen
        qr.setAccessibleText(text.get("family.code.qr"));
        Button copy = new Button(text.get("family.code.copy"), ScreenParts.icon(Feather.COPY, 14));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.codeTextProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox.setHgrow(codeText, Priority.ALWAYS);
        HBox codeRow = new HBox(12, qr, new VBox(8, codeText, copy));
        codeRow.visibleProperty().bind(model.codeProperty().isNotNull());
        codeRow.managedProperty().bind(codeRow.visibleProperty());
        model.codeProperty().addListener((o, a, b) -> qr.setImage(b == null ? null : new Image(new ByteArrayInputStream(b.qrPng()))));
        if (model.codeProperty().get() != null) {
            qr.setImage(new Image(new ByteArrayInputStream(model.codeProperty().get().qrPng())));
        }
        show.visibleProperty().bind(model.codeProperty().isNull());
        show.managedProperty().bind(show.visibleProperty());
        VBox code = card(text.get("family.code.title"), text.get("family.code.detail"), show, codeRow);

        VBox page = ScreenParts.page(text.get("family.title"), text.get("family.subtitle"),
                working, error, done, child, adult, code);
        page.setId("familyScreen");
        view = page;
    }

    static VBox card(String title, String detail, Node... content) {
        Label heading = ScreenParts.sectionTitle(title);
        Label explain = new Label(detail);
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        explain.setWrapText(true);
        explain.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox card = new VBox(10, heading, explain);
        card.getChildren().addAll(content);
        card.getStyleClass().add("family-card");
        card.setAlignment(Pos.TOP_LEFT);
        return card;
    }

    public Parent view() {
        return view;
    }
}
