package org.healthwallet.app.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.Provenance;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.records.TextRenderer;
import org.healthwallet.core.share.ReceivedShare;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShlReceiver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code healthwallet open-link}: the doctor's side of a SMART Health Link. Asks the link's relay
 * for the files (the relay logs the access on the ledger under the recipient's name first),
 * decrypts them here, and prints the records readably or writes the FHIR JSON to {@code --out}.
 * Needs no wallet. Nothing received is stored unless {@code --out} says where.
 */
@Command(name = "open-link", description = "Open a SMART Health Link someone shared with you (shlink:/… or a viewer "
        + "URL) and show the records, or write them to --out. The passcode comes from --passcode-file or $"
        + OpenLinkCommand.PASSCODE_ENV + ".",
        footerHeading = "%nExit codes:%n",
        footer = {"  0 done; 1 failed (wrong passcode, expired or revoked link, relay unreachable: the",
            "  reason on stderr); 2 wrong usage."})
final class OpenLinkCommand implements Callable<Integer> {
    static final String PASSCODE_ENV = ShareCommand.PASSCODE_ENV;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LINK", description = "The link: shlink:/… or https://…#shlink:/…")
    String link;

    @Option(names = "--recipient", paramLabel = "NAME", required = true,
            description = "Your name as it is to be logged on the ledger (e.g. \"Dr. Ng, City Clinic\").")
    String recipient;

    @Option(names = "--passcode-file", paramLabel = "FILE",
            description = "The passcode the patient gave you, in FILE (default: $" + PASSCODE_ENV + ").")
    Path passcodeFile;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write what was shared (the FHIR Bundle JSON) to FILE instead of printing a summary.")
    Path out;

    @Override
    public Integer call() throws Exception {
        HealthWalletCommand root = (HealthWalletCommand) spec.root().userObject();
        Optional<String> passcode = Optional.empty();
        if (passcodeFile != null || !root.env().getOrDefault(PASSCODE_ENV, "").isEmpty()) {
            char[] secret = root.secrets().read(passcodeFile, "--passcode-file", PASSCODE_ENV, "share passcode");
            passcode = Optional.of(new String(secret));
            Arrays.fill(secret, '\0');
        }
        ReceivedShare received;
        try {
            received = ShlReceiver.create().open(link.strip(), recipient, passcode);
        } catch (ShareException e) {
            throw new CliFailure(e.getMessage());
        }
        PrintWriter printed = spec.commandLine().getOut();
        if (out != null) {
            write(received);
            printed.println("Wrote " + received.files().size() + " file" + (received.files().size() == 1 ? "" : "s")
                    + " to " + out + ".");
        } else {
            print(received, printed);
        }
        printed.flush();
        return Cli.EXIT_OK;
    }

    /** One file as it came; several as a JSON array of them, in manifest order. Written whole or not at all. */
    private void write(ReceivedShare received) {
        StringBuilder json = new StringBuilder();
        if (received.files().size() == 1) {
            json.append(received.files().get(0).text());
        } else {
            json.append('[');
            for (int i = 0; i < received.files().size(); i++) {
                json.append(i == 0 ? "" : ",\n").append(received.files().get(i).text());
            }
            json.append("]\n");
        }
        try {
            Path absolute = out.toAbsolutePath();
            Path temp = Files.createTempFile(absolute.getParent(), ".open-link", ".tmp");
            try {
                Files.writeString(temp, json);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliFailure("The records could not be written to " + out + " (" + e.getClass().getSimpleName() + ").");
        }
    }

    /** The records as the wallet's records list shows them: category, date, title, details. */
    private void print(ReceivedShare received, PrintWriter printed) {
        received.link().label().ifPresent(l -> printed.println("Shared: " + l));
        TextRenderer words = TextRenderer.english();
        List<StoredRecord> records = new ArrayList<>();
        Instant now = Instant.now();
        for (ReceivedShare.File file : received.files()) {
            if (!file.contentType().equals("application/fhir+json")) {
                printed.println("(a file of type " + file.contentType() + " that HealthWallet does not show; use --out)");
                continue;
            }
            ParsedSource source;
            try {
                source = new FhirReader().read(new ByteArrayInputStream(file.content()), "shared link", ImportProgress.NONE);
            } catch (FhirReadException e) {
                throw new CliFailure("What was shared is not FHIR HealthWallet can read: " + e.getMessage());
            }
            for (FhirResource r : source.resources()) {
                records.add(new StoredRecord(UUID.randomUUID(), 1, r,
                        List.of(new Provenance("shared link", now, r.contentHash()))));
            }
            source.skipped().forEach(s -> printed.println("(not shown: " + s.position() + ", " + s.reason() + ")"));
        }
        RecordIndex index = RecordIndex.of(records);
        List<RecordSummary> summaries = records.stream().map(r -> RecordSummary.of(r, index))
                .sorted(RecordsCommand.NEWEST_FIRST).toList();
        printed.println(summaries.size() + " record" + (summaries.size() == 1 ? "" : "s") + " shared:");
        for (RecordSummary s : summaries) {
            String details = s.details().isEmpty() ? "" : " · " + words.line(s.details());
            printed.printf("%-25s  %-13s  %s%s%n", RecordsCommand.date(s), RecordsCommand.cliName(s.category()),
                    words.render(s.title()), details);
        }
    }
}
