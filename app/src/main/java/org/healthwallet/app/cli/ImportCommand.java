package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.ReadFiles;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.core.family.Caregivers;
import org.healthwallet.core.family.FamilyException;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.PatientMatch;
import org.healthwallet.core.records.Skipped;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import",
        description = "Import FHIR R4 files (Bundles, NDJSON, single resources) or folders of them, "
                + "in one transaction: all of it or, on failure, nothing. A file of another person's records "
                + "is not imported (exit code 3) unless --same-person is given.")
final class ImportCommand extends WalletCommand {
    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Files or folders to import.")
    List<Path> paths;

    @Option(names = "--same-person", description = "Import even when the files' patient does not look like this "
            + "wallet's person (another name or birth date): you confirm it is the same person.")
    boolean samePerson;

    @Override
    public Integer call() throws Exception {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new CliFailure("There is no file or folder " + p + ".");
            }
        }
        try (OpenWallet wallet = unlock()) {
            StderrProgress progress = new StderrProgress(err());
            ReadFiles read = wallet.readFiles(paths, progress);
            if (read.patient().needsDecision() && !samePerson) {
                askWhose(read.patient());
                return Cli.EXIT_NEEDS_DECISION;
            }
            ImportReport report = wallet.importRead(read, progress);
            print(report, out());
            if (report.added() > 0 && wallet.caregiving().isEmpty()) {
                passOnToCaregivers(wallet);
            }
        }
        return Cli.EXIT_OK;
    }

    /** Puts the new records behind every active caregiver's copy link, so their next refresh has them. */
    private void passOnToCaregivers(OpenWallet wallet) throws Exception {
        Vault vault = wallet.vault().orElseThrow();
        Instant now = Instant.now();
        boolean any = Caregivers.listIn(vault).stream()
                .anyMatch(c -> c.state(now) == Caregiver.State.ACTIVE && c.copyShare().isPresent());
        if (!any) {
            return;
        }
        AppConfig config = config();
        try (ConsortiumSource source = ConsortiumSource.of(config);
             FamilyWiring family = FamilyWiring.of(wallet, config.dataDir(), config.kdf(), source, Clock.systemDefaultZone())) {
            int copies = family.caregivers().publishRecords();
            out().println("Passed the records on to " + copies + " caregiver cop" + (copies == 1 ? "y" : "ies") + ".");
        } catch (FamilyException | ShareException e) {
            err().println("The records are in your wallet, but your caregivers' copies could not be updated now: "
                    + e.getMessage() + " They get them after your next import.");
        }
        out().flush();
        err().flush();
    }

    /** Another person's records are never merged silently: say whose they are, and what to do instead. */
    private void askWhose(PatientMatch match) {
        String files = paths.stream().map(Path::toString).map(ImportCommand::quoted).collect(Collectors.joining(" "));
        PrintWriter err = err();
        if (match.wallet() != null) {
            err.printf("This file is for %s, not for %s. Nothing was imported.%n",
                    match.file().describe(), match.wallet().describe());
        } else {
            err.println(match.reason() + " Nothing was imported.");
        }
        err.printf("To keep it as a dependent's records: healthwallet dependent add-child --name NAME --born YYYY-MM-DD,"
                + " then healthwallet --profile NAME import %s%n", files);
        err.printf("If it is the same person: healthwallet import --same-person %s%n", files);
        err.flush();
    }

    private static String quoted(String path) {
        return path.matches("[\\w./:@+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    private static void print(ImportReport report, PrintWriter out) {
        int imported = report.importedByType().values().stream().mapToInt(Integer::intValue).sum();
        out.printf("Imported %d entries: %d new records, %d already in the wallet (merged).%n",
                imported, report.added(), report.merged());
        report.importedByType().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.printf("  %-28s %6d%n", e.getKey(), e.getValue()));
        if (report.skipped().isEmpty()) {
            out.println("Nothing was skipped.");
        } else {
            out.printf("Skipped %d entries:%n", report.skipped().size());
            for (Skipped s : report.skipped()) {
                out.printf("  %s, %s%s: %s%n", s.source(), s.position(),
                        s.resourceType() == null ? "" : " (" + s.resourceType() + ")", s.reason());
            }
        }
        out.flush();
    }

    /** Progress on stderr, one line per phase step of a tenth, so scripts can still read stdout. */
    static final class StderrProgress implements ImportProgress {
        private final PrintWriter err;
        private String phase = "";
        private long shownTenth = -1;

        StderrProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void update(String newPhase, long done, long total) {
            long tenth = total > 0 ? done * 10 / total : -1;
            if (!newPhase.equals(phase)) {
                phase = newPhase;
                shownTenth = -2;
            }
            if (tenth == shownTenth || total <= 0 && shownTenth == -1) {
                return;
            }
            shownTenth = tenth;
            err.println(total > 0
                    ? String.format("%s: %d%% (%d of %d)", capitalized(newPhase), tenth * 10, done, total)
                    : capitalized(newPhase) + "…");
            err.flush();
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        private static String capitalized(String s) {
            return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}
