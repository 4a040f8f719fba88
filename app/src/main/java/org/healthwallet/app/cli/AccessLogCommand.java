package org.healthwallet.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.accesslog.AccessLogCsv;
import org.healthwallet.app.accesslog.CaregiverMarks;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.share.ShareWiring;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.accesslog.AccessLog;
import org.healthwallet.core.accesslog.AccessLogException;
import org.healthwallet.core.accesslog.AccessView;
import org.healthwallet.core.accesslog.LedgerAccessLog;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code healthwallet access-log}: who opened the patient's shares, synced from the ledger and
 * verified against a light-client-verified header, kept in the wallet so the next run fetches only
 * what is new. When the ledger's entries do not match its verified head, the reason goes to stderr,
 * the last verified log is printed and the exit code says so.
 */
@Command(name = "access-log", description = "Who opened your shares, verified against the ledger: recipient, relay "
        + "(its host, from its record on the ledger), "
        + "time, share, files served and the block height that proves it; newest first.",
        footer = {"", "Exit codes: 0 verified; 1 the log could not be read or verified (the reason on stderr; the last "
                + "verified log is printed); 2 wrong usage; 4 the ledger node's entries do not match the verified head "
                + "(the reason on stderr; the last verified log is printed)."})
final class AccessLogCommand extends WalletCommand {
    static final int EXIT_MISMATCH = 4;

    enum Format { table, csv, json }

    @Option(names = "--since", paramLabel = "DATE", converter = Since.class,
            description = "Only accesses on or after DATE (2026-11-29, UTC, or an instant 2026-11-29T10:00:00Z).")
    Instant since;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json.")
    Format format = Format.table;

    @Option(names = "--consortium", paramLabel = "FILE",
            description = "The consortium configuration (default: $HEALTHWALLET_CONSORTIUM, else the embedded dev network).")
    Path consortium;

    /** A day (UTC, from its start) or an instant. */
    static final class Since implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date like 2026-11-29 or 2026-11-29T10:00:00Z");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        AppConfig config = consortium == null ? config() : config().withConsortiumFile(consortium);
        try (OpenWallet wallet = unlock();
             ConsortiumSource source = ConsortiumSource.of(config)) {
            source.devnetDir().ifPresent(dir -> err().println("Using the dev network of " + dir + " on loopback."));
            err().flush();
            Vault vault = wallet.vault().orElseThrow(() -> new CliFailure("This wallet has no access log."));
            try (ShareWiring wiring = ShareWiring.open(wallet, source, config.dataDir())) {
                LedgerState state = new LedgerState(NodeRpc.of(wiring.ledger().config().primary()), wiring.ledger(),
                        Duration.ofSeconds(15));
                AccessLog.SyncResult result = new AccessLog(vault,
                        new LedgerAccessLog(state::read, "the ledger node " + state.node()), wiring.ledger().config().chainId())
                        .sync(wiring.patientKey());
                List<AccessView> views = AccessView.of(result.log(), wiring.shares().list()).stream()
                        .filter(v -> since == null || !v.at().isBefore(since))
                        .toList();
                print(result, views, marks(result, views, vault, wiring, wallet, state));
                if (result instanceof AccessLog.SyncResult.Failed failed) {
                    err().println("Access log not verified: " + failed.reason());
                    err().flush();
                    return failed.kind() == AccessLogException.Kind.MISMATCH ? EXIT_MISMATCH : Cli.EXIT_FAILED;
                }
                return Cli.EXIT_OK;
            }
        } catch (ShareException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    /**
     * Which accesses a caregiver did or made possible, read from the grants with proofs. Only after a
     * verified sync: a node that just failed a check is not asked again, and the marks are left out
     * (with a line saying so) rather than the log.
     */
    private Map<Long, CaregiverMarks.Mark> marks(AccessLog.SyncResult result, List<AccessView> views, Vault vault,
                                                ShareWiring wiring, OpenWallet wallet, LedgerState state) {
        if (!(result instanceof AccessLog.SyncResult.Verified)) {
            return Map.of();
        }
        try {
            return CaregiverMarks.of(views, vault, wiring.patientKey(), wallet.caregiving(), state::read);
        } catch (AccessLogException | VaultException e) {
            err().println("Who made each share could not be checked now (" + e.getMessage() + "); the accesses are"
                    + " shown without it.");
            err().flush();
            return Map.of();
        }
    }

    private void print(AccessLog.SyncResult result, List<AccessView> views, Map<Long, CaregiverMarks.Mark> marks) throws Exception {
        PrintWriter out = out();
        switch (format) {
            case json -> out.println(json(result, views, marks));
            case csv -> AccessLogCsv.lines(views).forEach(out::println);
            case table -> {
                if (views.isEmpty()) {
                    out.println(since == null ? "Nobody opened your shares yet." : "Nobody opened your shares since " + since + ".");
                }
                for (AccessView v : views) {
                    out.printf(Locale.ROOT, "%s  %-24s  share %s  %d file(s)  via %s  verified at height %d%s%n",
                            v.at(), v.recipient(), v.shareLabel().map(l -> "\"" + l + "\"").orElse(v.share()
                                    .map(Object::toString).orElse("unknown " + v.shareId().substring(0, 12) + "…")),
                            v.files().size(), v.relay().shown(), v.provenAtHeight(),
                            marks.containsKey(v.index()) ? "  (" + marks.get(v.index()).english() + ")" : "");
                    v.unopenable().ifPresent(why -> out.println("    details cannot be opened: " + why));
                }
                if (result instanceof AccessLog.SyncResult.Verified verified) {
                    out.println("Verified: " + verified.log().size() + " access(es) in all, " + verified.added()
                            + " new; the log's head is proven at height " + verified.provenAtHeight() + ".");
                } else {
                    out.println("NOT VERIFIED NOW: the accesses above are the last verified log, kept from an earlier sync.");
                }
            }
        }
        out.flush();
    }

    private static String json(AccessLog.SyncResult result, List<AccessView> views, Map<Long, CaregiverMarks.Mark> marks) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        if (result instanceof AccessLog.SyncResult.Verified verified) {
            root.put("status", "verified");
            root.put("provenAtHeight", verified.provenAtHeight());
            root.put("new", verified.added());
        } else {
            AccessLog.SyncResult.Failed failed = (AccessLog.SyncResult.Failed) result;
            root.put("status", failed.kind() == AccessLogException.Kind.MISMATCH ? "mismatch" : "unverified");
            root.put("reason", failed.reason());
            root.put("note", "the accesses are the last verified log, kept from an earlier sync");
        }
        root.put("accesses", views.stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", v.at().toString());
            m.put("recipient", v.recipient());
            m.put("detailsUnopenable", v.unopenable().orElse(null));
            m.put("relay", v.relay().key());
            m.put("relayUrl", v.relay().url().orElse(null));
            m.put("share", v.share().map(Object::toString).orElse(null));
            m.put("shareLabel", v.shareLabel().orElse(null));
            m.put("shareLedgerId", v.shareId());
            m.put("files", v.files());
            m.put("recordedAtHeight", v.recordedAtHeight());
            m.put("provenAtHeight", v.provenAtHeight());
            m.put("verified", true);
            m.put("caregiver", marks.containsKey(v.index()) ? marks.get(v.index()).english() : null);
            return m;
        }).toList());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }
}
