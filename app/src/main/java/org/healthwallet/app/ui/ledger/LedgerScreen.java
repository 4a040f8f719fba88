package org.healthwallet.app.ui.ledger;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WorkProgress;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.ledger.SyncOutcome;
import org.kordamp.ikonli.feather.Feather;

/**
 * Ledger: the chain, how far the wallet verified it and when, the validators and their voting
 * power, the nodes asked, warnings (with a form for a new checkpoint when one is needed), and a
 * Sync button with progress and cancel.
 */
public final class LedgerScreen {
    private final Parent view;

    public LedgerScreen(LedgerViewModel model, Messages text) {
        VBox warnings = new VBox(8);
        warnings.setId("ledgerWarnings");
        warnings.getStyleClass().add("settings-list");
        warnings.setStyle("-fx-padding: 14 18 14 18;");
        Runnable fillWarnings = () -> {
            List<Node> rows = new ArrayList<>();
            for (UserText w : model.warnings()) {
                Label line = new Label(w.render(text), ScreenParts.icon(Feather.ALERT_TRIANGLE, 16));
                line.getStyleClass().add(Styles.WARNING);
                line.setWrapText(true);
                line.setMinHeight(Region.USE_PREF_SIZE);
                rows.add(line);
            }
            warnings.getChildren().setAll(rows);
            warnings.setVisible(!rows.isEmpty());
            warnings.setManaged(!rows.isEmpty());
        };
        model.warnings().addListener((javafx.collections.ListChangeListener<UserText>) c -> fillWarnings.run());
        fillWarnings.run();

        VBox checkpoint = checkpointForm(model, text);

        VBox facts = new VBox(0);
        facts.setId("ledgerFacts");
        facts.getStyleClass().add("settings-list");
        VBox validators = new VBox(0);
        validators.setId("ledgerValidators");
        validators.getStyleClass().add("list-card");
        VBox nodes = new VBox(0);
        nodes.getStyleClass().add("settings-list");
        Label validatorsTitle = ScreenParts.sectionTitle(text.get("ledger.validators"));
        Label nodesTitle = ScreenParts.sectionTitle(text.get("ledger.nodes"));
        Runnable fill = () -> {
            LedgerStatus s = model.statusProperty().get();
            facts.getChildren().setAll(facts(s, model, text));
            validators.getChildren().setAll(validatorRows(model, text));
            nodes.getChildren().setAll(nodeRows(s, text));
            boolean known = s != null;
            for (Node n : List.of(validators, validatorsTitle, nodes, nodesTitle)) {
                n.setVisible(known);
                n.setManaged(known);
            }
            validatorsTitle.setText(s == null ? text.get("ledger.validators")
                    : text.format("ledger.validators.count", s.validators().size(), s.totalVotingPower()));
        };
        model.statusProperty().addListener((o, a, b) -> fill.run());
        model.consortiumProperty().addListener((o, a, b) -> fill.run());
        fill.run();

        Button sync = new Button(text.get("ledger.sync"), ScreenParts.icon(Feather.REFRESH_CW, 14));
        sync.setId("ledgerSync");
        sync.getStyleClass().add(Styles.ACCENT);
        sync.disableProperty().bind(model.runningProperty());
        sync.setOnAction(e -> model.sync());
        HBox actions = new HBox(10, sync,
                WorkProgress.of("ledger", model.runningProperty(), model.progressProperty(), model::cancel, text));
        actions.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("ledgerMessage");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(Bindings.createStringBinding(
                () -> UserText.render(model.messageProperty().get(), text), model.messageProperty()));

        var page = ScreenParts.page(text.get("ledger.title"), text.get("ledger.subtitle"),
                new VBox(8, actions, status), warnings, checkpoint, facts, validatorsTitle, validators, nodesTitle, nodes);
        page.setId("ledgerScreen");
        view = page;
        if (model.statusProperty().get() == null && !model.runningProperty().get()) {
            model.refresh();
        }
    }

    public Parent view() {
        return view;
    }

    private static VBox checkpointForm(LedgerViewModel model, Messages text) {
        Label explain = new Label(text.get("ledger.checkpoint.explain"));
        explain.setWrapText(true);
        explain.setMinHeight(Region.USE_PREF_SIZE);
        TextField height = new TextField();
        height.setId("ledgerCheckpointHeight");
        height.setPromptText(text.get("ledger.checkpoint.height"));
        height.setPrefColumnCount(10);
        height.textProperty().bindBidirectional(model.checkpointHeightProperty());
        TextField hash = new TextField();
        hash.setId("ledgerCheckpointHash");
        hash.setPromptText(text.get("ledger.checkpoint.hash"));
        HBox.setHgrow(hash, Priority.ALWAYS);
        hash.textProperty().bindBidirectional(model.checkpointHashProperty());
        // A new trust root changes what "verified" means: the person at the screen proves they hold the passphrase.
        PasswordField passphrase = new PasswordField();
        passphrase.setId("ledgerCheckpointPassphrase");
        passphrase.setPromptText(text.get("ledger.checkpoint.passphrase"));
        passphrase.setPrefColumnCount(12);
        Button use = new Button(text.get("ledger.checkpoint.use"), ScreenParts.icon(Feather.ANCHOR, 14));
        use.setId("ledgerCheckpointUse");
        use.disableProperty().bind(model.runningProperty().or(model.checkpointHeightProperty().isEmpty())
                .or(model.checkpointHashProperty().isEmpty()).or(passphrase.textProperty().isEmpty()));
        use.setOnAction(e -> {
            char[] typed = passphrase.getText().toCharArray();
            passphrase.clear();
            model.useCheckpoint(typed);
        });
        VBox form = new VBox(10, ScreenParts.sectionTitle(text.get("ledger.checkpoint.title")), explain,
                new HBox(8, height, hash, passphrase, use));
        form.setId("ledgerCheckpoint");
        form.getStyleClass().add("settings-list");
        form.setStyle("-fx-padding: 14 18 14 18;");
        form.visibleProperty().bind(model.needsCheckpointProperty());
        form.managedProperty().bind(form.visibleProperty());
        return form;
    }

    private static List<Node> facts(LedgerStatus s, LedgerViewModel model, Messages text) {
        List<Node> rows = new ArrayList<>();
        rows.add(row(Feather.LINK, text.get("ledger.consortium"), UserText.render(model.consortiumProperty().get(), text)));
        if (s == null) {
            rows.add(row(Feather.LAYERS, text.get("ledger.height"), text.get("ledger.loading")));
            return rows;
        }
        rows.add(row(Feather.HASH, text.get("ledger.chain"), s.chainId()));
        if (s.latest().isPresent()) {
            LedgerStatus.VerifiedHeight h = s.latest().get();
            rows.add(row(Feather.LAYERS, text.get("ledger.height"), Long.toString(h.height())));
            rows.add(row(Feather.CLOCK, text.get("ledger.time"), model.time(h.time())));
            rows.add(row(Feather.CHECK_CIRCLE, text.get("ledger.headerHash"), h.headerHash().hex()));
        } else {
            rows.add(row(Feather.LAYERS, text.get("ledger.height"), text.get("ledger.height.none")));
        }
        rows.add(row(Feather.SHIELD, text.get("ledger.trustExpires"),
                s.trustExpiresAt().map(model::time).orElse("–")));
        rows.add(row(Feather.REFRESH_CW, text.get("ledger.lastSync"),
                s.lastSuccess().map(model::time).orElse(text.get("ledger.lastSync.never"))));
        if (s.lastOutcome() != SyncOutcome.NEVER && s.lastOutcome() != SyncOutcome.SYNCED) {
            rows.add(row(Feather.ALERT_CIRCLE, text.get("ledger.lastAttempt"), s.lastAttempt().map(model::time).orElse("–")
                    + " · " + text.get("ledger.result." + s.lastOutcome().name()) + "\n" + s.lastMessage()));
        }
        return rows;
    }

    private static List<Node> validatorRows(LedgerViewModel model, Messages text) {
        List<Node> rows = new ArrayList<>();
        for (LedgerViewModel.ValidatorRow v : model.validators()) {
            Label address = new Label(v.address());
            address.getStyleClass().add("raw-json");
            HBox.setHgrow(address, Priority.ALWAYS);
            address.setMaxWidth(Double.MAX_VALUE);
            ProgressBar share = new ProgressBar(v.share());
            share.setPrefWidth(140);
            Label power = new Label(text.format("ledger.validator.power", v.votingPower(), Math.round(v.share() * 1000) / 10.0));
            power.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(12, address, share, power);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("list-card-row");
            rows.add(row);
        }
        return rows;
    }

    private static List<Node> nodeRows(LedgerStatus s, Messages text) {
        if (s == null) {
            return List.of();
        }
        List<Node> rows = new ArrayList<>();
        rows.add(row(Feather.SERVER, text.get("ledger.primary"), s.primary()));
        rows.add(row(Feather.EYE, text.get("ledger.witnesses"), s.witnesses().isEmpty() ? "–" : String.join("\n", s.witnesses())));
        return rows;
    }

    private static Node row(Feather icon, String label, String value) {
        Label heading = new Label(label);
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        heading.setMinWidth(180);
        Label shown = new Label(value);
        shown.setWrapText(true);
        shown.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(shown, Priority.ALWAYS);
        HBox row = new HBox(14, ScreenParts.icon(icon, 18), heading, shown);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("settings-row");
        return row;
    }
}
