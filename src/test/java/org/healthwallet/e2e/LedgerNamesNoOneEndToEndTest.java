package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.healthwallet.app.AppConfig;
import org.healthwallet.e2e.ClearTextSearch.Hit;
import org.healthwallet.e2e.ClearTextSearch.Place;
import org.healthwallet.e2e.TestWallet.CreatedShare;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's privacy acceptance: after a scenario on the dev network (a patient imports Rubin812
 * Conroy74's Synthea record, adds a child, makes two shares, two doctors open them, one after a
 * wrong passcode, a caregiver is invited, accepts, refreshes and is revoked, a share is revoked
 * and its link refused), nothing an
 * operator or engineer can read names anyone or says anything of the records: every block's
 * transactions and results over RPC (raw and decoded), every file of the node's and relay's data
 * folder byte for byte and every SQLite row in it (ledger state, blocks, relay database), the
 * node's and relay's log (its process output, every {@code org.healthwallet} logger and the HTTP
 * server's request lines at every level), the wallets' folders (vault files, error log) and the
 * wallet's log records and error output. The patient's own {@code access-log} still names every
 * recipient, verified.
 *
 * <p>Not searched, on purpose: the doctors' folders (they hold what was shared with them) and the
 * passcode and invitation a person hands to another; and what a command prints on standard output
 * for the person who ran it (the access log names the doctors to the patient by design).
 */
@Tag("privacy")
class LedgerNamesNoOneEndToEndTest {
    /** Rich in sensitive text: a renal transplant, abuse, a criminal record, in codes and in clinical notes. */
    static final String RUBIN = "synthea-3.3.0/Rubin812_Conroy74_88e56a5c-afaa-f488-f338-1e57d8aa279b.json";
    static final String ZEPHYRINE = "Dr. Zephyrine Quillfeather";
    static final String BARTHOLOMEW = "Dr. Bartholomew Oyelaran-Vasquez";
    static final String CAREGIVER = "Wilhelmina Thistlewood";
    static final String CAREGIVER_AS = "Wilhelmina Thistlewood (niece)";
    static final String PATIENT_AS = "Rubin812 Conroy74";
    static final String CHILD = "Ottoline Featherstonehaugh";
    static final String PASSCODE = "heliotrope-4471";
    static final String WRONG_PASSCODE = "periwinkle-9023";
    static final String TRANSPLANT_LABEL = "Marrowgate transplant referral";
    static final String CARDIOLOGY_LABEL = "Pemberton cardiology letters";

    /**
     * Each word alone, so a name split, reordered or URL-encoded is still found: the doctors', the
     * caregiver's and the child's names, and what the patient typed (labels, passcode).
     */
    static final List<String> PEOPLE_AND_TYPED = List.of("Zephyrine", "Quillfeather", "Bartholomew", "Oyelaran",
            "Wilhelmina", "Thistlewood", "Ottoline", "Featherstonehaugh", PASSCODE, WRONG_PASSCODE, "Marrowgate", "Pemberton");
    /** The patient's names and record id, condition and medication texts, and sentences of the clinical notes. */
    static final List<String> RECORD_TEXT = List.of("Rubin812", "Conroy74", "Jamar151", "88e56a5c-afaa-f488-f338-1e57d8aa279b",
            "Victim of intimate partner abuse", "Has a criminal record", "History of renal transplant",
            "Ischemic heart disease", "tacrolimus", "Clopidogrel", "Nitroglycerin",
            "Patient identifies as heterosexual", "Patient comes from a high socioeconomic background");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, String> env;
    private final List<Place> errorOutput = new ArrayList<>();

    @Test
    void noNameNoTypedWordAndNoRecordTextIsReadableOnTheLedgerRelayOrLogs() throws Exception {
        Path operator = dir.resolve("operator");  // the consortium member's machine: node, relay, their output
        Path patient = dir.resolve("patient");
        Path caregiver = dir.resolve("caregiver");
        Path doctors = Files.createDirectories(dir.resolve("doctors"));  // not searched
        Path handed = Files.createDirectories(dir.resolve("handed"));    // not searched
        Path scratch = Files.createDirectories(dir.resolve("scratch"));  // copies of databases, to read them
        Files.createDirectories(operator);
        Path nodeLog = operator.resolve("node-and-relay.log");

        ClearTextSearch search = new ClearTextSearch(concat(PEOPLE_AND_TYPED, RECORD_TEXT));
        // The search sees each record word where it is: the record (notes are base64 inside it).
        assertThat(search.in(new Place("the record", Files.readAllBytes(SharedTestData.fhir(RUBIN))))).extracting(Hit::word)
                .containsAll(RECORD_TEXT);
        List<Place> read = new ArrayList<>();
        StringBuilder walletLog = new StringBuilder();
        Logger walletLoggers = Logger.getLogger("org.healthwallet");
        Level levelBefore = walletLoggers.getLevel();
        Handler capture = capture(walletLog);
        Process node = startDevnet(operator, scratch, nodeLog);
        try {
            walletLoggers.addHandler(capture);
            walletLoggers.setLevel(Level.ALL);
            ConsortiumConfig config = ConsortiumConfig.read(operator.resolve("devnet").resolve("consortium.json"));
            env = new HashMap<>(Map.of(AppConfig.KDF_MEMORY_ENV, "256", AppConfig.KDF_ITERATIONS_ENV, "1",
                    "HEALTHWALLET_PASSPHRASE", TestWallet.PASSPHRASE,
                    AppConfig.CONSORTIUM_ENV, operator.resolve("devnet").resolve("consortium.json").toString()));

            ok(patient, "init");
            ok(patient, "import", SharedTestData.fhir(RUBIN).toString());
            ok(patient, "dependent", "add-child", "--name", CHILD, "--born", "2019-05-02");
            Path passcode = handed.resolve("passcode.txt");
            Files.writeString(passcode, PASSCODE + "\n");
            CreatedShare transplant = new CreatedShare(ok(patient, "share", "create", "--categories", "conditions,documents",
                    "--expires", "1h", "--label", TRANSPLANT_LABEL).out());
            CreatedShare cardiology = new CreatedShare(ok(patient, "share", "create", "--categories", "medications",
                    "--expires", "1h", "--label", CARDIOLOGY_LABEL, "--passcode-file", passcode.toString()).out());

            ok(doctors.resolve("zephyrine"), "open-link", transplant.link(), "--recipient", ZEPHYRINE,
                    "--out", doctors.resolve("zephyrine.json").toString());
            Path wrong = handed.resolve("wrong-passcode.txt");
            Files.writeString(wrong, WRONG_PASSCODE + "\n");
            Run mistyped = run(doctors.resolve("bartholomew"), "open-link", cardiology.link(), "--recipient", BARTHOLOMEW,
                    "--passcode-file", wrong.toString());
            assertThat(mistyped.code()).as("a wrong passcode: %s", mistyped.err()).isEqualTo(1);
            ok(doctors.resolve("bartholomew"), "open-link", cardiology.link(), "--recipient", BARTHOLOMEW,
                    "--passcode-file", passcode.toString(), "--out", doctors.resolve("bartholomew.json").toString());
            assertThat(Files.readString(doctors.resolve("zephyrine.json"))).contains("History of renal transplant");
            assertThat(Files.readString(doctors.resolve("bartholomew.json"))).contains("tacrolimus");

            ok(caregiver, "init");
            String code = ok(caregiver, "caregiver", "code").out().strip();
            Path invitation = handed.resolve("invitation.txt");
            ok(patient, "caregiver", "invite", "--code", code, "--name", CAREGIVER, "--as", PATIENT_AS,
                    "--scope", "records,share", "--ends", LocalDate.now().plusMonths(6).toString(), "--out", invitation.toString());
            ok(caregiver, "caregiver", "accept", invitation.toString(), "--as", CAREGIVER_AS);
            ok(caregiver, "--profile", PATIENT_AS, "dependent", "refresh", "--as", CAREGIVER_AS);
            ok(patient, "caregiver", "revoke", CAREGIVER);

            ok(patient, "share", "revoke", transplant.id());
            Run again = run(doctors.resolve("zephyrine"), "open-link", transplant.link(), "--recipient", ZEPHYRINE,
                    "--out", doctors.resolve("zephyrine-again.json").toString());
            assertThat(again.code()).as("the revoked link: %s", again.err()).isEqualTo(1);
            assertThat(again.err()).contains("no longer works");

            // The patient's own log still names everyone, verified against the ledger.
            String logJson = ok(patient, "access-log", "--format", "json").out();
            JsonNode log = JSON.readTree(logJson);
            assertThat(log.path("status").asText()).as(log.toString()).isEqualTo("verified");
            List<String> recipients = new ArrayList<>();
            log.path("accesses").forEach(a -> {
                assertThat(a.path("verified").asBoolean()).as(a.toString()).isTrue();
                recipients.add(a.path("recipient").asText());
            });
            assertThat(recipients).contains(ZEPHYRINE, BARTHOLOMEW, CAREGIVER_AS);
            assertThat(recipients).filteredOn(ZEPHYRINE::equals).as("the refused second open is not an access").hasSize(1);

            // The search sees the names where they belong: in the patient's own log.
            assertThat(search.in(Place.text("the patient's access-log", logJson))).extracting(Hit::word)
                    .contains("Zephyrine", "Quillfeather", "Bartholomew", "Oyelaran", "Wilhelmina", "Thistlewood");

            read.addAll(OperatorView.blocks(config.primary()));
        } finally {
            node.destroy(); // SIGTERM, as Ctrl-C: the network closes its stores and flushes its output
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            walletLoggers.removeHandler(capture);
            walletLoggers.setLevel(levelBefore);
        }

        read.addAll(OperatorView.files(operator, scratch));
        read.addAll(OperatorView.files(patient, scratch));
        read.addAll(OperatorView.files(caregiver, scratch));
        read.add(Place.text("the wallet's log records (org.healthwallet, every level)", walletLog.toString()));
        read.addAll(errorOutput);
        assertThat(read).as("the places searched").extracting(Place::where)
                .anyMatch(w -> w.contains("tx"))
                .anyMatch(w -> w.contains("ledger.db, table state"))
                .anyMatch(w -> w.contains("relay.db, table shares"))
                .anyMatch(w -> w.startsWith("file patient/") && w.endsWith(".hwvault"))
                .anyMatch(w -> w.startsWith("file caregiver/") && w.endsWith(".hwvault"))
                .contains("file operator/node-and-relay.log");
        assertThat(Files.readString(nodeLog, StandardCharsets.UTF_8)).as("the relay's log lines are in its output")
                .contains(" created: ");

        List<Hit> hits = search.in(read);
        assertThat(hits).as("clear text readable outside the wallets (%d hits in %d places searched):%n%s", hits.size(),
                read.size(), report(hits)).isEmpty();
    }

    /**
     * {@code healthwallet node devnet} in a process of its own, as a consortium member runs it, every
     * {@code org.healthwallet} logger and the JDK's HTTP server at every level, its output in
     * {@code nodeLog}. Returns once it has written its consortium file and says it is running.
     */
    private static Process startDevnet(Path operator, Path scratch, Path nodeLog) throws Exception {
        Path logging = scratch.resolve("node-logging.properties");
        Files.writeString(logging, String.join("\n", "handlers=java.util.logging.ConsoleHandler",
                "java.util.logging.ConsoleHandler.level=ALL", ".level=INFO", "org.healthwallet.level=ALL",
                // The JDK's HTTP server then logs each request line and status, as an access log does.
                "com.sun.net.httpserver.level=ALL", ""));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.config.file=" + logging, "-cp", System.getProperty("java.class.path"),
                "org.healthwallet.app.Main", "node", "devnet", "--rpc-port", "0", "--data", operator.resolve("devnet").toString());
        Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(nodeLog.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (node.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(nodeLog) && Files.readString(nodeLog, StandardCharsets.UTF_8).contains("Press Ctrl-C"))) {
            Thread.sleep(200);
        }
        if (!node.isAlive() || !Files.readString(nodeLog, StandardCharsets.UTF_8).contains("Press Ctrl-C")) {
            node.destroyForcibly();
            throw new AssertionError("the dev network did not start:\n" + Files.readString(nodeLog, StandardCharsets.UTF_8));
        }
        return node;
    }

    /** Formats every record the wallet's loggers publish, as a log file would hold it. */
    private static Handler capture(StringBuilder into) {
        Handler handler = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                synchronized (into) {
                    into.append(format.format(record));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        return handler;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String report(List<Hit> hits) {
        return hits.stream().limit(60).map(Hit::toString).collect(Collectors.joining("\n"))
                + (hits.size() > 60 ? "\n… and " + (hits.size() - 60) + " more" : "");
    }

    private Run ok(Path wallet, String... args) {
        Run run = run(wallet, args);
        assertThat(run.code()).as("`%s` failed: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    /** A command in-process; its error output is kept to be searched as the engineer's view of it. */
    private Run run(Path wallet, String... args) {
        Run run = WalletCli.run(wallet, env, args);
        errorOutput.add(Place.text("error output of `" + args[0] + (args.length > 1 ? " " + args[1] : "") + "` in "
                + wallet.getFileName(), run.err()));
        return run;
    }
}
