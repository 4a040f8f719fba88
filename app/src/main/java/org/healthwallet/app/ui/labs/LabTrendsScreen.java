package org.healthwallet.app.ui.labs;

import atlantafx.base.theme.Styles;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.healthwallet.app.ui.common.CategoryLook;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.core.records.LabSeries;
import org.healthwallet.core.records.Text;
import org.kordamp.ikonli.feather.Feather;

/** Lab trends: pick a measurement, see its values over time, with the latest and the range beside. */
public final class LabTrendsScreen {
    private static final double DAY_SECONDS = 86_400;

    private final VBox view;

    public LabTrendsScreen(LabTrendsViewModel model, Messages text) {
        ComboBox<LabSeries> choice = new ComboBox<>(model.series());
        choice.setId("labCodeChoice");
        choice.setCellFactory(list -> new SeriesCell(text));
        choice.setButtonCell(new SeriesCell(text));
        choice.setPrefWidth(620);
        choice.setVisibleRowCount(14);
        choice.valueProperty().bindBidirectional(model.chosenProperty());
        Label pick = new Label(text.get("labs.choose"));
        pick.getStyleClass().add(Styles.TEXT_BOLD);
        HBox chooser = new HBox(12, pick, choice);
        chooser.setAlignment(Pos.CENTER_LEFT);

        NumberAxis time = new NumberAxis();
        time.setForceZeroInRange(false);
        time.setAutoRanging(true);
        time.setMinorTickVisible(false);
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(text.locale());
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number day) {
                return dates.format(LocalDate.ofEpochDay(Math.round(day.doubleValue())));
            }

            @Override public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis values = new NumberAxis();
        values.setForceZeroInRange(false);
        values.setMinorTickVisible(false);
        LineChart<Number, Number> chart = new LineChart<>(time, values);
        chart.setId("labChart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.getStyleClass().add("lab-chart");
        chart.setMinHeight(320);
        VBox.setVgrow(chart, Priority.ALWAYS);

        HBox stats = new HBox(12);
        stats.setId("labStats");

        Label none = new Label(text.get("labs.none"));
        none.getStyleClass().add(Styles.TEXT_MUTED);
        VBox empty = new VBox(10, ScreenParts.icon(Feather.TRENDING_UP, 40), none);
        empty.setAlignment(Pos.CENTER);
        empty.getStyleClass().add("empty-state");

        StackPane chartHost = new StackPane(chart);
        chartHost.getStyleClass().add("chart-card");
        VBox.setVgrow(chartHost, Priority.ALWAYS);

        Runnable draw = () -> {
            LabSeries s = model.chosenProperty().get();
            chart.getData().clear();
            boolean has = s != null;
            chartHost.setVisible(has);
            chartHost.setManaged(has);
            stats.setVisible(has);
            stats.setManaged(has);
            empty.setVisible(model.series().isEmpty());
            empty.setManaged(model.series().isEmpty());
            if (!has) {
                return;
            }
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(s.display());
            for (LabSeries.Point p : s.points()) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(epochDay(p.at()), p.value());
                line.getData().add(d);
            }
            chart.getData().add(line);
            for (int i = 0; i < s.points().size(); i++) {
                LabSeries.Point p = s.points().get(i);
                Node symbol = line.getData().get(i).getNode();
                if (symbol != null) {
                    Tooltip.install(symbol, new Tooltip(text.records().render(new Text.When(p.date(), false))
                            + "\n" + amount(p.value(), s.unit(), text)));
                }
            }
            values.setLabel(s.unit() == null ? "" : s.unit());
            stats.getChildren().setAll(statCards(s, text));
        };
        model.chosenProperty().addListener((o, a, b) -> draw.run());
        model.series().addListener((javafx.collections.ListChangeListener<LabSeries>) c -> draw.run());
        draw.run();

        view = ScreenParts.page(text.get("labs.title"), text.get("labs.subtitle"), chooser, stats, chartHost, empty);
        view.setId("labsScreen");
        view.setPadding(new Insets(28, 32, 28, 32));
    }

    public Parent view() {
        return view;
    }

    private static double epochDay(Instant at) {
        return at.getEpochSecond() / DAY_SECONDS;
    }

    private static List<Node> statCards(LabSeries s, Messages text) {
        List<LabSeries.Point> points = s.points();
        LabSeries.Point latest = points.get(points.size() - 1);
        BigDecimal low = points.stream().map(LabSeries.Point::value).min(Comparator.naturalOrder()).orElseThrow();
        BigDecimal high = points.stream().map(LabSeries.Point::value).max(Comparator.naturalOrder()).orElseThrow();
        return List.of(
                stat(text.get("labs.latest"), amount(latest.value(), s.unit(), text),
                        text.records().render(new Text.When(latest.date(), false))),
                stat(text.get("labs.range"), amount(low, null, text) + " – " + amount(high, s.unit(), text), ""),
                stat(text.get("labs.count"), Integer.toString(points.size()),
                        text.records().render(new Text.When(points.get(0).date(), false)) + " – "
                                + text.records().render(new Text.When(latest.date(), false))));
    }

    private static Node stat(String caption, String value, String below) {
        Label c = new Label(caption);
        c.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label v = new Label(value);
        v.getStyleClass().addAll(Styles.TITLE_3);
        VBox box = new VBox(2, c, v);
        if (!below.isEmpty()) {
            Label b = new Label(below);
            b.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            box.getChildren().add(b);
        }
        box.getStyleClass().add("stat-card");
        box.setMinWidth(180);
        return box;
    }

    private static String amount(BigDecimal value, String unit, Messages text) {
        return text.records().render(new Text.Amount(value, unit));
    }

    private static final class SeriesCell extends ListCell<LabSeries> {
        private final Messages text;

        SeriesCell(Messages text) {
            this.text = text;
        }

        @Override protected void updateItem(LabSeries item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(text.format("labs.seriesItem", item.display(), item.unit() == null ? "" : item.unit(),
                    item.points().size(), CategoryLook.name(item.category(), text)));
            setGraphic(null);
        }
    }
}
