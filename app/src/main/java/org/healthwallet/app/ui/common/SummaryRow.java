package org.healthwallet.app.ui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.Text;

/** One record on a line: its category badge, title, details and date. Used by home and the records list. */
public final class SummaryRow {
    private SummaryRow() {}

    public static HBox of(RecordSummary summary, Messages text, boolean withBadge) {
        Label title = new Label(text.records().render(summary.title()));
        title.getStyleClass().addAll(Styles.TEXT_BOLD, "record-title");
        title.setMinWidth(0);
        VBox words = new VBox(2, title);
        if (!summary.details().isEmpty()) {
            Label details = new Label(text.records().line(summary.details()));
            details.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "record-details");
            details.setMinWidth(0);
            words.getChildren().add(details);
        }
        words.setMinWidth(0);
        HBox.setHgrow(words, Priority.ALWAYS);
        Label date = new Label(date(summary, text));
        date.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "record-date");
        date.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = withBadge
                ? new HBox(12, CategoryLook.badge(summary.category(), 14), words, date)
                : new HBox(12, words, date);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("record-row");
        return row;
    }

    /** The record's date in the precision it was given, or "no date". */
    public static String date(RecordSummary summary, Messages text) {
        return summary.date().map(d -> text.records().render(new Text.When(d, false)))
                .orElse(text.get("records.undated"));
    }
}
