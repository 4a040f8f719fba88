package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.healthwallet.app.wallet.IndentedJson;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordDate;
import org.healthwallet.core.records.RecordDetail;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.records.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "records", description = "List, count and show the records in your wallet.",
        subcommands = {RecordsCommand.ListRecords.class, RecordsCommand.Count.class, RecordsCommand.Show.class})
final class RecordsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Alone, it says which subcommands there are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.EXIT_USAGE;
    }

    /** Category names as a person types them: {@code lab-results}, {@code LAB_RESULTS}, {@code lab results}. */
    static final class CategoryName implements ITypeConverter<Category> {
        @Override
        public Category convert(String value) {
            String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            try {
                return Category.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a category; use one of "
                        + String.join(", ", Arrays.stream(Category.values()).map(RecordsCommand::cliName).toList()));
            }
        }
    }

    /** Newest first; undated records last. */
    static final java.util.Comparator<RecordSummary> NEWEST_FIRST = java.util.Comparator.comparing(
            (RecordSummary s) -> s.date().orElse(null), java.util.Comparator.nullsLast(java.util.Comparator.<RecordDate>reverseOrder()));

    static String cliName(Category c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Dates as the record gives them (ISO, in its own precision): stable for scripts. */
    static String date(RecordSummary s) {
        return s.date().map(RecordDate::text).orElse("-");
    }

    @Command(name = "list", description = "One line per record: id, date, category, summary. Newest first.")
    static final class ListRecords extends WalletCommand {
        @Option(names = "--category", paramLabel = "C", converter = CategoryName.class,
                description = "Only this category: conditions, medications, allergies, immunizations, lab-results, "
                        + "vital-signs, encounters, procedures, documents, other.")
        Category category;

        @Override
        public Integer call() throws Exception {
            TextRenderer words = TextRenderer.english();
            try (OpenWallet wallet = unlock()) {
                RecordIndex index = wallet.index();
                List<StoredRecord> chosen = category == null ? index.records() : index.byCategory(category);
                List<RecordSummary> summaries = chosen.stream().map(r -> RecordSummary.of(r, index))
                        .sorted(NEWEST_FIRST).toList();
                PrintWriter out = out();
                for (RecordSummary s : summaries) {
                    String details = s.details().isEmpty() ? "" : " · " + words.line(s.details());
                    out.printf("%s  %-25s  %-13s  %s%s%n", s.record().id(), date(s), cliName(s.category()),
                            words.render(s.title()), details);
                }
                out.flush();
            }
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "count", description = "How many records each category holds.")
    static final class Count extends WalletCommand {
        @Override
        public Integer call() throws Exception {
            try (OpenWallet wallet = unlock()) {
                Map<Category, Integer> counts = wallet.index().counts();
                PrintWriter out = out();
                int total = 0;
                for (Category c : Category.values()) {
                    int n = counts.getOrDefault(c, 0);
                    total += n;
                    out.printf("%-14s %6d%n", cliName(c), n);
                }
                out.printf("%-14s %6d%n", "total", total);
                out.flush();
            }
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "show", description = "Show one record, readable, or with --json as the FHIR JSON it arrived as.")
    static final class Show extends WalletCommand {
        @Parameters(paramLabel = "ID", description = "The record's id, as 'records list' prints it.")
        String id;

        @Option(names = "--json", description = "Print the record's FHIR JSON instead.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            UUID rowId;
            try {
                rowId = UUID.fromString(id.strip());
            } catch (IllegalArgumentException e) {
                throw new CliFailure("'" + id + "' is not a record id; 'healthwallet records list' shows them.");
            }
            try (OpenWallet wallet = unlock()) {
                RecordIndex index = wallet.index();
                StoredRecord record = index.byId(rowId)
                        .orElseThrow(() -> new CliFailure("There is no record " + rowId + " in this wallet."));
                PrintWriter out = out();
                if (json) {
                    out.println(IndentedJson.of(record.resource().json()));
                } else {
                    print(RecordDetail.of(record, index), out);
                }
                out.flush();
            }
            return Cli.EXIT_OK;
        }

        private static void print(RecordDetail detail, PrintWriter out) {
            TextRenderer words = TextRenderer.english();
            RecordSummary s = detail.summary();
            out.println(words.render(s.title()));
            out.println(cliName(s.category()) + " · " + s.record().resource().resourceType() + " · " + date(s));
            out.println();
            int width = detail.rows().stream().mapToInt(r -> words.render(r.label()).length()).max().orElse(0);
            for (RecordDetail.Row row : detail.rows()) {
                String label = words.render(row.label());
                out.printf("  %-" + Math.max(1, width) + "s  %s%n", label, words.render(row.value()));
            }
        }
    }
}
