package org.healthwallet.app.ui.share;

import atlantafx.base.theme.Styles;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PrinterJob;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.healthwallet.app.ui.common.CategoryLook;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.SummaryRow;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.home.HomeViewModel.CategoryCount;
import org.healthwallet.app.ui.share.ShareWizardViewModel.Created;
import org.healthwallet.app.ui.share.ShareWizardViewModel.Expiry;
import org.healthwallet.app.ui.share.ShareWizardViewModel.What;
import org.healthwallet.core.records.RecordSummary;
import org.kordamp.ikonli.feather.Feather;

/** The share wizard: the form, then progress, then the QR code with save, print, copy and full screen. */
final class ShareWizardScreen {
    private final StackPane view = new StackPane();
    private final ShareWizardViewModel model;
    private final Messages text;
    private final ZoneId zone;

    ShareWizardScreen(ShareWizardViewModel model, Messages text, ZoneId zone, Runnable made) {
        this.model = model;
        this.text = text;
        this.zone = zone;
        Node form = form();
        Node creating = creating();
        Runnable flip = () -> {
            switch (model.stageProperty().get()) {
                case CHOOSING -> view.getChildren().setAll(form);
                case CREATING -> view.getChildren().setAll(creating);
                case DONE -> {
                    view.getChildren().setAll(done(model.createdProperty().get()));
                    made.run();
                }
            }
        };
        model.stageProperty().addListener((o, a, b) -> flip.run());
        flip.run();
        view.setId("shareWizard");
        view.setAlignment(Pos.TOP_LEFT);
    }

    Parent view() {
        return view;
    }

    private Node form() {
        ToggleGroup whatGroup = new ToggleGroup();
        VBox whatChoices = new VBox(8);
        for (What w : What.values()) {
            RadioButton b = new RadioButton(text.get("share.what." + w.name().toLowerCase()));
            b.setId("shareWhat-" + w.name().toLowerCase());
            b.setToggleGroup(whatGroup);
            b.setUserData(w);
            b.setSelected(model.whatProperty().get() == w);
            whatChoices.getChildren().add(b);
        }
        whatGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.whatProperty().set((What) b.getUserData());
            }
        });

        FlowPane categories = new FlowPane(10, 8);
        categories.setId("shareCategories");
        Runnable fillCategories = () -> {
            categories.getChildren().clear();
            for (CategoryCount c : model.categories()) {
                CheckBox box = new CheckBox(text.format("share.category", CategoryLook.name(c.category(), text), c.count()));
                box.setId("shareCategory-" + c.category().name());
                box.setSelected(model.chosenCategories().contains(c.category()));
                box.selectedProperty().addListener((o, a, on) -> {
                    if (on) {
                        model.chosenCategories().add(c.category());
                    } else {
                        model.chosenCategories().remove(c.category());
                    }
                });
                categories.getChildren().add(box);
            }
        };
        model.categories().addListener((javafx.collections.ListChangeListener<CategoryCount>) ch -> fillCategories.run());
        fillCategories.run();
        Label categoriesHint = hint(text.get("share.categories.hint"));
        VBox categoryBox = new VBox(6, categoriesHint, categories);
        categoryBox.visibleProperty().bind(model.whatProperty().isEqualTo(What.CATEGORIES)
                .or(model.whatProperty().isEqualTo(What.DATES)));
        categoryBox.managedProperty().bind(categoryBox.visibleProperty());
        categoriesHint.textProperty().bind(Bindings.when(model.whatProperty().isEqualTo(What.DATES))
                .then(text.get("share.categories.dateHint")).otherwise(text.get("share.categories.hint")));

        TextField search = new TextField();
        search.setId("shareSearch");
        search.setPromptText(text.get("share.search"));
        search.textProperty().bindBidirectional(model.searchProperty());
        ListView<RecordSummary> found = new ListView<>(model.found());
        found.setId("shareRecords");
        found.setPrefHeight(260);
        found.setCellFactory(l -> new PickCell());
        Label pickedCount = new Label();
        pickedCount.getStyleClass().add(Styles.TEXT_MUTED);
        pickedCount.textProperty().bind(Bindings.createStringBinding(
                () -> text.format("share.picked", model.picked().size()), model.picked()));
        VBox recordBox = new VBox(8, search, found, pickedCount);
        recordBox.visibleProperty().bind(model.whatProperty().isEqualTo(What.RECORDS));
        recordBox.managedProperty().bind(recordBox.visibleProperty());

        DatePicker from = new DatePicker();
        from.setId("shareFrom");
        from.valueProperty().bindBidirectional(model.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("shareTo");
        to.valueProperty().bindBidirectional(model.toProperty());
        HBox dateBox = new HBox(10, new Label(text.get("share.from")), from, new Label(text.get("share.to")), to);
        dateBox.setAlignment(Pos.CENTER_LEFT);
        dateBox.visibleProperty().bind(model.whatProperty().isEqualTo(What.DATES));
        dateBox.managedProperty().bind(dateBox.visibleProperty());
        VBox whatSection = section(text.get("share.section.what"), whatChoices, dateBox, categoryBox, recordBox);

        ComboBox<Expiry> expiry = new ComboBox<>();
        expiry.setId("shareExpiry");
        expiry.getItems().setAll(Expiry.values());
        expiry.valueProperty().bindBidirectional(model.expiryProperty());
        expiry.setCellFactory(l -> expiryCell());
        expiry.setButtonCell(expiryCell());
        DatePicker customDate = new DatePicker();
        customDate.setId("shareCustomDate");
        customDate.valueProperty().bindBidirectional(model.customDateProperty());
        TextField customTime = new TextField();
        customTime.setId("shareCustomTime");
        customTime.setPrefColumnCount(5);
        customTime.textProperty().bindBidirectional(model.customTimeProperty());
        HBox custom = new HBox(10, customDate, new Label(text.get("share.at")), customTime);
        custom.setAlignment(Pos.CENTER_LEFT);
        custom.visibleProperty().bind(model.expiryProperty().isEqualTo(Expiry.CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());
        VBox expirySection = section(text.get("share.section.expiry"), expiry, custom);

        CheckBox passcodeOn = new CheckBox(text.get("share.passcode.on"));
        passcodeOn.setId("sharePasscodeOn");
        passcodeOn.selectedProperty().bindBidirectional(model.passcodeOnProperty());
        PasswordField passcode = new PasswordField();
        passcode.setId("sharePasscode");
        passcode.setPromptText(text.get("share.passcode"));
        passcode.textProperty().bindBidirectional(model.passcodeProperty());
        PasswordField again = new PasswordField();
        again.setId("sharePasscodeAgain");
        again.setPromptText(text.get("share.passcode.again"));
        again.textProperty().bindBidirectional(model.passcodeAgainProperty());
        VBox passcodeFields = new VBox(8, passcode, again, hint(text.get("share.passcode.hint")));
        passcodeFields.setMaxWidth(360);
        passcodeFields.visibleProperty().bind(model.passcodeOnProperty());
        passcodeFields.managedProperty().bind(passcodeFields.visibleProperty());
        VBox passcodeSection = section(text.get("share.section.passcode"), passcodeOn, passcodeFields);

        TextField label = new TextField();
        label.setId("shareLabel");
        label.setPromptText(text.get("share.label.prompt"));
        label.textProperty().bindBidirectional(model.labelProperty());
        TextField forWhom = new TextField();
        forWhom.setId("shareForWhom");
        forWhom.setPromptText(text.get("share.forWhom.prompt"));
        forWhom.textProperty().bindBidirectional(model.forWhomProperty());
        VBox aboutSection = section(text.get("share.section.about"),
                new Label(text.get("share.label")), label, hint(text.get("share.label.hint")),
                new Label(text.get("share.forWhom")), forWhom, hint(text.get("share.forWhom.hint")));
        label.setMaxWidth(480);
        forWhom.setMaxWidth(480);

        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));
        error.setId("shareError");
        Button create = new Button(text.get("share.create"), ScreenParts.icon(Feather.SHARE_2, 16));
        create.setId("shareCreate");
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(e -> model.create());
        return new VBox(18, whatSection, expirySection, passcodeSection, aboutSection, error, create);
    }

    private Node creating() {
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setPrefWidth(360);
        Button cancel = new Button(text.get("common.cancel"));
        cancel.setId("shareCancel");
        cancel.setOnAction(e -> model.cancel());
        VBox box = new VBox(14, new Label(text.get("share.creating")), bar, hint(text.get("share.creating.detail")), cancel);
        box.setId("shareCreating");
        box.setPadding(new Insets(24, 0, 0, 0));
        return box;
    }

    private Node done(Created created) {
        if (created == null) {
            return new VBox();
        }
        Image qr = new Image(new ByteArrayInputStream(created.qrPng()));
        ImageView image = new ImageView(qr);
        image.setId("shareQr");
        image.setFitWidth(360);
        image.setPreserveRatio(true);
        image.setSmooth(false); // crisp modules
        StackPane qrFrame = new StackPane(image);
        qrFrame.getStyleClass().add("qr-frame");
        qrFrame.setStyle("-fx-background-color: white; -fx-background-radius: 8; -fx-padding: 8;");
        qrFrame.setMaxWidth(Double.MAX_VALUE);

        Label heading = new Label(created.share().label().orElse(text.get("share.done.untitled")));
        heading.setId("shareDoneLabel");
        heading.getStyleClass().add(Styles.TITLE_3);
        Label expiry = new Label(expiryText(created));
        expiry.getStyleClass().add(Styles.TEXT_MUTED);
        Label how = hint(text.get(created.share().passcodeProtected() ? "share.done.howPasscode" : "share.done.how"));
        how.setMaxWidth(420);

        Button full = button("share.fullScreen", Feather.MAXIMIZE, "shareFullScreen");
        full.setOnAction(e -> fullScreen(created));
        Button save = button("share.savePng", Feather.DOWNLOAD, "shareSavePng");
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(text.get("share.savePng"));
            chooser.setInitialFileName("share-qr.png");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
            File file = chooser.showSaveDialog(view.getScene().getWindow());
            if (file != null) {
                model.saveQr(file.toPath());
            }
        });
        Button print = button("share.print", Feather.PRINTER, "sharePrint");
        print.setOnAction(e -> print(created));
        Button copy = button("share.copy", Feather.COPY, "shareCopy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(created.linkText());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText(text.get("share.copied"));
        });
        Button another = button("share.another", Feather.PLUS, "shareAnother");
        another.getStyleClass().remove(Styles.BUTTON_OUTLINED);
        another.getStyleClass().add(Styles.FLAT);
        another.setOnAction(e -> model.another());
        Label notice = new Label();
        notice.setWrapText(true);
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        notice.textProperty().bind(Bindings.createStringBinding(
                () -> UserText.render(model.noticeProperty().get(), text), model.noticeProperty()));
        FlowPane actions = new FlowPane(10, 10, full, save, print, copy);
        VBox side = new VBox(12, heading, expiry, how, actions, notice, another);
        side.setMaxWidth(460);
        HBox done = new HBox(28, qrFrame, side);
        done.setId("shareDone");
        return done;
    }

    private void fullScreen(Created created) {
        ImageView big = new ImageView(new Image(new ByteArrayInputStream(created.qrPng())));
        big.setPreserveRatio(true);
        big.setSmooth(false);
        Label label = new Label(created.share().label().orElse(""));
        label.setStyle("-fx-font-size: 28px; -fx-text-fill: black;");
        Label expiry = new Label(expiryText(created));
        expiry.setStyle("-fx-font-size: 18px; -fx-text-fill: #444;");
        Button close = new Button(text.get("share.fullScreen.close"));
        VBox box = new VBox(16, label, big, expiry, close);
        box.setAlignment(Pos.CENTER);
        box.setStyle("-fx-background-color: white;");
        Stage stage = new Stage();
        stage.initOwner(view.getScene().getWindow());
        stage.setTitle(text.get("share.fullScreen"));
        Scene scene = new Scene(box, 900, 900);
        big.fitHeightProperty().bind(scene.heightProperty().subtract(200));
        big.fitWidthProperty().bind(scene.widthProperty().subtract(40));
        scene.setOnKeyPressed(k -> {
            if (k.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        close.setOnAction(e -> stage.close());
        stage.setScene(scene);
        stage.setMaximized(true);
        stage.show();
    }

    /** Prints a page (label, QR, expiry, instructions) on a printer; without one, saves the printable page. */
    private void print(Created created) {
        PrinterJob job = PrinterJob.createPrinterJob();
        if (job != null && job.showPrintDialog(view.getScene().getWindow())) {
            ImageView qr = new ImageView(new Image(new ByteArrayInputStream(created.qrPng())));
            qr.setFitWidth(360);
            qr.setPreserveRatio(true);
            Label label = new Label(created.share().label().orElse(""));
            label.setStyle("-fx-font-size: 20px;");
            Label instructions = new Label(text.get("share.print.instructions"));
            instructions.setWrapText(true);
            instructions.setMaxWidth(420);
            VBox page = new VBox(14, label, qr, new Label(expiryText(created)), instructions);
            page.setAlignment(Pos.TOP_CENTER);
            if (job.printPage(page)) {
                job.endJob();
            }
            return;
        }
        if (job != null) {
            job.cancelJob();
            return; // the patient closed the print dialog
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("share.print.save"));
        chooser.setInitialFileName("share.html");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML", "*.html"));
        File file = chooser.showSaveDialog(view.getScene().getWindow());
        if (file != null) {
            model.savePrintablePage(file.toPath(), text.get("share.print.instructions"));
        }
    }

    private String expiryText(Created created) {
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(text.locale()).withZone(zone);
        return created.share().expiresAt().map(at -> text.format("share.expires", when.format(at)))
                .orElse(text.get("share.noExpiry"));
    }

    private Button button(String key, Feather icon, String id) {
        Button b = new Button(text.get(key), ScreenParts.icon(icon, 16));
        b.setId(id);
        b.getStyleClass().add(Styles.BUTTON_OUTLINED);
        return b;
    }

    private ListCell<Expiry> expiryCell() {
        return new ListCell<>() {
            @Override protected void updateItem(Expiry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.get("share.expiry." + item.name().toLowerCase()));
            }
        };
    }

    private static Label hint(String words) {
        Label l = new Label(words);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }

    private static VBox section(String title, Node... content) {
        VBox box = new VBox(10, ScreenParts.sectionTitle(title));
        box.getChildren().addAll(content);
        box.getStyleClass().add("share-section");
        return box;
    }

    /** A record with a box to pick it. */
    private final class PickCell extends ListCell<RecordSummary> {
        @Override protected void updateItem(RecordSummary item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            UUID id = item.record().id();
            CheckBox pick = new CheckBox();
            pick.setSelected(model.picked().contains(id));
            pick.selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    model.picked().add(id);
                } else {
                    model.picked().remove(id);
                }
            });
            HBox row = SummaryRow.of(item, text, true);
            HBox.setHgrow(row, javafx.scene.layout.Priority.ALWAYS);
            HBox line = new HBox(10, pick, row);
            line.setAlignment(Pos.CENTER_LEFT);
            line.setPrefWidth(0);
            setGraphic(line);
        }
    }
}
