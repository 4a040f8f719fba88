package org.healthwallet.app.ui.imports;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WorkProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.Skipped;
import org.kordamp.ikonli.feather.Feather;

/**
 * Import: choose files or a folder, drop them on the window, or type a path; watch the progress,
 * cancel, and read what was skipped and why.
 */
public final class ImportScreen {
    /** The file dialogs, owned by the window (they need it as their parent). */
    public record Dialogs(Function<String, List<File>> chooseFiles, Function<String, File> chooseFolder) {}

    private final Parent view;

    public ImportScreen(ImportViewModel model, Messages text, Dialogs dialogs) {
        Button files = new Button(text.get("import.chooseFiles"), ScreenParts.icon(Feather.FILE_PLUS, 14));
        files.setId("chooseFilesButton");
        files.getStyleClass().add(Styles.ACCENT);
        files.setOnAction(e -> {
            List<File> chosen = dialogs.chooseFiles().apply(text.get("import.chooseFiles"));
            if (chosen != null && !chosen.isEmpty()) {
                model.start(chosen.stream().map(File::toPath).toList());
            }
        });
        Button folder = new Button(text.get("import.chooseFolder"), ScreenParts.icon(Feather.FOLDER, 14));
        folder.setOnAction(e -> {
            File chosen = dialogs.chooseFolder().apply(text.get("import.chooseFolder"));
            if (chosen != null) {
                model.start(List.of(chosen.toPath()));
            }
        });
        files.disableProperty().bind(model.runningProperty());
        folder.disableProperty().bind(model.runningProperty());
        Label dropTitle = new Label(text.get("import.drop"));
        dropTitle.getStyleClass().add(Styles.TITLE_4);
        Label dropDetail = new Label(text.get("import.drop.detail"));
        dropDetail.getStyleClass().add(Styles.TEXT_MUTED);
        dropDetail.setWrapText(true);
        HBox buttons = new HBox(10, files, folder);
        buttons.setAlignment(Pos.CENTER);
        var dropIcon = ScreenParts.icon(Feather.UPLOAD_CLOUD, 40);
        dropIcon.getStyleClass().add("drop-icon");
        VBox dropZone = new VBox(10, dropIcon, dropTitle, dropDetail, buttons);
        dropZone.setAlignment(Pos.CENTER);
        dropZone.getStyleClass().add("drop-zone");

        TextField path = new TextField();
        path.setId("importPath");
        path.setPromptText(text.get("import.path.prompt"));
        path.textProperty().bindBidirectional(model.pathTextProperty());
        path.setOnAction(e -> model.startFromTypedPaths());
        HBox.setHgrow(path, Priority.ALWAYS);
        Button typed = new Button(text.get("import.button"), ScreenParts.icon(Feather.DOWNLOAD, 14));
        typed.setId("importPathButton");
        typed.disableProperty().bind(model.runningProperty().or(model.pathTextProperty().isEmpty()));
        typed.setOnAction(e -> model.startFromTypedPaths());
        HBox pathRow = new HBox(8, path, typed);

        HBox progressRow = WorkProgress.of("import", model.runningProperty(), model.progressProperty(), model::cancel, text);
        Label status = new Label();
        status.setId("importStatus");
        status.setWrapText(true);
        status.textProperty().bind(Bindings.createStringBinding(
                () -> UserText.render(model.statusProperty().get(), text), model.statusProperty()));
        VBox progress = new VBox(8, progressRow, status);
        progress.visibleProperty().bind(model.statusProperty().isNotNull());
        progress.managedProperty().bind(progress.visibleProperty());

        VBox question = new VBox(10);
        question.setId("importQuestion");
        question.getStyleClass().add("import-question");
        question.visibleProperty().bind(model.questionProperty().isNotNull());
        question.managedProperty().bind(question.visibleProperty());
        Runnable ask = () -> question.getChildren().setAll(questionView(model, text));
        model.questionProperty().addListener((o, a, b) -> ask.run());
        ask.run();

        VBox report = new VBox(12);
        report.setId("importReport");
        report.visibleProperty().bind(model.reportProperty().isNotNull());
        report.managedProperty().bind(report.visibleProperty());
        Runnable fill = () -> report.getChildren().setAll(reportView(model, text));
        model.reportProperty().addListener((o, a, b) -> fill.run());
        fill.run();

        var page = ScreenParts.page(text.get("import.title"), text.get("import.subtitle"),
                dropZone, pathRow, progress, question, report);
        VBox.setVgrow(report, Priority.ALWAYS);
        page.setId("importScreen");
        view = page;
    }

    public Parent view() {
        return view;
    }

    /** Whose file is it? Into a dependent's profile, merged as the same person, or not at all. */
    private static List<Node> questionView(ImportViewModel model, Messages text) {
        ImportViewModel.Question q = model.questionProperty().get();
        if (q == null) {
            return List.of();
        }
        Label title = new Label(text.format("import.question.title", q.otherPatient()), ScreenParts.icon(Feather.ALERT_TRIANGLE, 18));
        title.setId("importQuestionTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label detail = new Label(text.get(q.dependents().isEmpty() ? "import.question.noDependents" : "import.question.detail"));
        detail.setWrapText(true);
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        FlowPane choices = new FlowPane(10, 8);
        if (!q.dependents().isEmpty()) {
            javafx.scene.control.ComboBox<String> whom = new javafx.scene.control.ComboBox<>(
                    javafx.collections.FXCollections.observableArrayList(q.dependents()));
            whom.setId("importDependentChoice");
            whom.setAccessibleText(text.get("import.question.whom"));
            whom.getSelectionModel().selectFirst();
            Button into = new Button(text.get("import.question.into"), ScreenParts.icon(Feather.USERS, 14));
            into.setId("importIntoDependent");
            into.getStyleClass().add(Styles.ACCENT);
            into.setOnAction(e -> model.answerDependent(whom.getValue()));
            choices.getChildren().addAll(whom, into);
        }
        Button same = new Button(text.get("import.question.same"), ScreenParts.icon(Feather.GIT_MERGE, 14));
        same.setId("importSamePerson");
        same.setOnAction(e -> model.answerSamePerson());
        Button cancel = new Button(text.get("common.cancel"));
        cancel.setId("importQuestionCancel");
        cancel.setOnAction(e -> model.answerCancel());
        choices.getChildren().addAll(same, cancel);
        return List.of(title, detail, choices);
    }

    private static List<Node> reportView(ImportViewModel model, Messages text) {
        ImportReport r = model.reportProperty().get();
        if (r == null) {
            return List.of();
        }
        HBox numbers = new HBox(12,
                number(text.get("import.added"), r.added(), Feather.PLUS_CIRCLE, Styles.SUCCESS),
                number(text.get("import.merged"), r.merged(), Feather.GIT_MERGE, Styles.ACCENT),
                number(text.get("import.skipped"), r.skipped().size(), Feather.ALERT_TRIANGLE,
                        r.skipped().isEmpty() ? Styles.TEXT_MUTED : Styles.WARNING));
        FlowPane types = new FlowPane(8, 8);
        r.importedByType().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    Label chip = new Label(e.getKey() + "  " + e.getValue());
                    chip.getStyleClass().add("type-chip");
                    types.getChildren().add(chip);
                });
        VBox content = new VBox(12, numbers, types);
        if (!r.skipped().isEmpty()) {
            content.getChildren().addAll(ScreenParts.sectionTitle(text.get("import.skippedTitle")), skippedTable(model, text));
        }
        return List.of(content);
    }

    private static Node number(String caption, int value, Feather icon, String tone) {
        Label big = new Label(Integer.toString(value));
        big.getStyleClass().addAll(Styles.TITLE_3);
        Label small = new Label(caption);
        small.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        var glyph = ScreenParts.icon(icon, 20);
        glyph.getStyleClass().add(tone);
        HBox box = new HBox(12, glyph, new VBox(0, big, small));
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("stat-card");
        return box;
    }

    private static TableView<Skipped> skippedTable(ImportViewModel model, Messages text) {
        TableView<Skipped> table = new TableView<>(model.skipped());
        table.setId("skippedTable");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, "skipped-table");
        table.getColumns().add(column(text.get("import.col.file"), Skipped::source, 180));
        table.getColumns().add(column(text.get("import.col.position"), Skipped::position, 90));
        table.getColumns().add(column(text.get("import.col.type"), s -> s.resourceType() == null ? "" : s.resourceType(), 140));
        TableColumn<Skipped, String> reason = column(text.get("import.col.reason"), Skipped::reason, 400);
        table.getColumns().add(reason);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(220);
        return table;
    }

    private static TableColumn<Skipped, String> column(String title, Function<Skipped, String> value, double width) {
        TableColumn<Skipped, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
