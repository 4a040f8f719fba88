package org.healthwallet.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.share.ShareWiring;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.share.InterruptedShare;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.core.share.QrCodeException;
import org.healthwallet.core.share.RelayDeletion;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareSelection;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.ledger.tx.Digest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code healthwallet share}: the patient's SMART Health Links from the command line. {@code create}
 * builds, encrypts and uploads a share to the consortium's relay and records the grant on the
 * ledger; {@code list} shows the shares with their status and how often they were opened;
 * {@code revoke} ends one. Without {@code --consortium} the embedded dev network and its relay are
 * used, started in this process on loopback.
 */
@Command(name = "share", description = "Share chosen records with a doctor by a link and QR code; list and revoke shares.",
        subcommands = {ShareCommand.Create.class, ShareCommand.ListShares.class, ShareCommand.Revoke.class},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  HEALTHWALLET_SHARE_PASSCODE   the share's passcode for 'share create' (or",
            "                                --passcode-file F); none: no passcode",
            "Exit codes: 0 done; 1 failed (the reason on stderr); 2 wrong usage."
        })
final class ShareCommand implements Callable<Integer> {
    static final String PASSCODE_ENV = "HEALTHWALLET_SHARE_PASSCODE";
    static final int QR_SIZE_PX = 640;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.EXIT_USAGE;
    }

    /** What create, list and revoke share: the unlocked wallet wired to the consortium. */
    abstract static class OnShares extends WalletCommand {
        @Option(names = "--consortium", paramLabel = "FILE",
                description = "The consortium configuration (default: $HEALTHWALLET_CONSORTIUM, else the embedded "
                        + "dev network and its relay on loopback).")
        Path consortium;

        @Override
        public Integer call() throws Exception {
            check();
            AppConfig config = consortium == null ? config() : config().withConsortiumFile(consortium);
            try (OpenWallet wallet = unlock();
                 ConsortiumSource source = ConsortiumSource.of(config)) {
                source.devnetDir().ifPresent(dir -> err().println("Using the dev network of " + dir + " on loopback."));
                err().flush();
                try (ShareWiring wiring = ShareWiring.open(wallet, source, config.dataDir())) {
                    finishRevocations(wiring);
                    return run(wiring);
                }
            } catch (ShareException e) {
                throw new CliFailure(e.getMessage());
            }
        }

        /** Checks the arguments before the wallet is opened and the consortium started. */
        void check() {
        }

        /**
         * Every command that talks to the relay first asks it to delete what earlier revocations left
         * there (the relay was down), whatever their backoff: the patient is here now.
         */
        private void finishRevocations(ShareWiring wiring) throws Exception {
            if (wiring.shares().relayDeletions().isEmpty()) {
                return;
            }
            Sharing.RelayRound round = wiring.sharing().retryRelayDeletions(false);
            for (RelayDeletion d : round.deleted()) {
                err().println("The relay deleted its copy of the encrypted files of a revoked share (" + d.selection() + ").");
            }
            if (!round.pending().isEmpty()) {
                err().println(round.pending().size() + " revoked share" + (round.pending().size() == 1 ? "" : "s")
                        + " still to be deleted on the relay: " + relayWaits(wiring, round.pending().get(0)));
            }
            err().flush();
        }

        abstract int run(ShareWiring wiring) throws Exception;
    }

    static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + text.substring(1);
    }

    /** Why the relay still holds a revoked share's files, and that the link is dead anyway. */
    static String relayWaits(ShareWiring wiring, RelayDeletion pending) {
        String relay = "the relay at " + wiring.relay().getAuthority();
        if (pending.stage() == RelayDeletion.Stage.LEDGER) {
            return "its revocation was cut off and is not yet shown on the ledger (" + pending.problem()
                    + "); HealthWallet sends it again at the next share command.";
        }
        if (pending.relayUnreachable()) {
            return relay + " was not reachable; its copy of the encrypted files will be deleted when it is back"
                    + " (the link already cannot be opened).";
        }
        return relay + " did not delete its copy of the encrypted files yet (" + pending.problem() + "); HealthWallet"
                + " will ask again (the link already cannot be opened).";
    }

    /** {@code 1h}, {@code 15m}, {@code 7d}, {@code PT30M}: 1 minute to 365 days. */
    static final class Lifetime implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = LedgerCommand.Drift.parse(value);
            if (d.compareTo(ShareDraft.MIN_LIFETIME) < 0 || d.compareTo(ShareDraft.MAX_LIFETIME) > 0) {
                throw new TypeConversionException("a share lasts from 1 minute to 365 days, not " + value);
            }
            return d;
        }
    }

    static final class What {
        @Option(names = "--categories", paramLabel = "LIST", split = ",", converter = RecordsCommand.CategoryName.class,
                description = "Share these categories, comma separated: conditions, medications, allergies, "
                        + "immunizations, lab-results, vital-signs, encounters, procedures, documents, other.")
        List<Category> categories;

        @Option(names = "--summary", description = "Share an International Patient Summary (problems, allergies, "
                + "medications, immunizations, results).")
        boolean summary;

        ShareSelection selection() {
            return summary ? new ShareSelection.PatientSummary() : new ShareSelection.Categories(EnumSet.copyOf(categories));
        }
    }

    @Command(name = "create", description = "Share records: prints the link (shlink:/…) and the viewer URL, and "
            + "writes the QR code with --qr. The passcode comes from --passcode-file or $" + PASSCODE_ENV + ".")
    static final class Create extends OnShares {
        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        @Option(names = "--expires", paramLabel = "DURATION", converter = Lifetime.class,
                description = "How long the link works, e.g. 15m, 1h, 1d, 7d (default 1h).")
        Duration expires = Duration.ofHours(1);

        @Option(names = "--passcode-file", paramLabel = "FILE",
                description = "Ask the doctor for the passcode in FILE (default: $" + PASSCODE_ENV + "; none: no passcode).")
        Path passcodeFile;

        @Option(names = "--label", paramLabel = "TEXT", description = "A label the doctor sees (at most 80 characters).")
        String label;

        @Option(names = "--qr", paramLabel = "FILE.png", description = "Write the QR code as a PNG image.")
        Path qr;

        private Optional<String> passcode = Optional.empty();

        @Override
        void check() {
            passcode = passcode();
        }

        @Override
        int run(ShareWiring wiring) throws Exception {
            // A second of slack, so that "--expires 1m" is still a minute when the wallet checks the draft.
            Instant now = Instant.now().plusSeconds(1);
            ShareDraft draft = ShareDraft.of(what.selection(), now, expires);
            if (passcode.isPresent()) {
                draft = draft.withPasscode(passcode.get());
            }
            if (label != null) {
                draft = draft.withLabel(label);
            }
            Share share = wiring.sharing().create(draft);
            String viewer = wiring.viewerUrl(share.link());
            if (qr != null) {
                writeQr(viewer);
            }
            PrintWriter out = out();
            out.println("Share " + share.id() + " created: " + share.selection() + ".");
            out.println("Expires: " + share.expiresAt().map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("never")
                    + (share.passcodeProtected() ? "; the doctor needs the passcode." : "."));
            out.println("Link:   " + share.link().toShlinkUri());
            out.println("Viewer: " + viewer);
            if (qr != null) {
                out.println("QR code: " + qr);
            }
            out.flush();
            return Cli.EXIT_OK;
        }

        private Optional<String> passcode() {
            if (passcodeFile == null && root().env().getOrDefault(PASSCODE_ENV, "").isEmpty()) {
                return Optional.empty();
            }
            char[] secret = root().secrets().read(passcodeFile, "--passcode-file", PASSCODE_ENV, "share passcode");
            try {
                return Optional.of(new String(secret));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }

        private void writeQr(String text) {
            try {
                Files.write(qr, QrCode.encode(text, QR_SIZE_PX));
            } catch (QrCodeException e) {
                throw new CliFailure(e.getMessage());
            } catch (IOException e) {
                throw new CliFailure("The QR code could not be written to " + qr + " (" + e.getClass().getSimpleName() + ").");
            }
        }
    }

    @Command(name = "list", description = "Your shares, newest first: id, status (active, expired, revoked), times "
            + "opened (from the ledger's access log; ? when it cannot be read), expiry, label and what is shared;"
            + " first any share that was started but not finished (the wallet stopped while making it), to revoke.")
    static final class ListShares extends OnShares {
        @Override
        int run(ShareWiring wiring) throws Exception {
            List<Share> shares = wiring.shares().list();
            Optional<Map<Digest, Integer>> opened;
            try {
                opened = Optional.of(wiring.openings().countByShare(wiring.patientKey()));
            } catch (ShareException e) {
                err().println("Times opened unknown: " + e.getMessage());
                err().flush();
                opened = Optional.empty();
            }
            Instant now = Instant.now();
            PrintWriter out = out();
            List<InterruptedShare> unfinished = wiring.shares().interrupted();
            List<RelayDeletion> deletions = wiring.shares().relayDeletions();
            if (shares.isEmpty() && unfinished.isEmpty()) {
                out.println("No shares yet ('healthwallet share create').");
            }
            for (InterruptedShare s : unfinished) {
                out.printf("%s  unfinished  started %s  %s%s%n", s.id(), s.startedAt().truncatedTo(ChronoUnit.SECONDS),
                        s.label().map(l -> "\"" + l + "\" ").orElse(""), s.selection());
                out.printf("    %s Run 'healthwallet share revoke %s'.%n", InterruptedShare.NOTE, s.id());
            }
            for (Share s : shares) {
                String times = opened.map(m -> Integer.toString(m.getOrDefault(s.grantId(), 0))).orElse("?");
                out.printf("%s  %-7s  opened %-3s  expires %s  %s%s%n", s.id(), s.state(now).name().toLowerCase(java.util.Locale.ROOT),
                        times, s.expiresAt().map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("never"),
                        s.label().map(l -> "\"" + l + "\" ").orElse(""), s.selection());
                RelayDeletion.forShare(deletions, s).ifPresent(d -> out.printf("    relay deletion pending: %s%n",
                        relayWaits(wiring, d)));
            }
            for (RelayDeletion d : deletions) {
                if (shares.stream().noneMatch(d::isFor)) {
                    out.printf("%s  withdrawn  relay deletion pending: %s%n", d.id(), relayWaits(wiring, d));
                }
            }
            out.flush();
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "revoke", description = "End a share now: the revocation is recorded on the ledger (from then on the"
            + " link does not open), then the relay deletes its copy, or does so when it is reachable again."
            + " Also withdraws a share 'share list' shows as unfinished.")
    static final class Revoke extends OnShares {
        @Parameters(paramLabel = "ID", description = "The share's id, as 'share list' prints it.")
        String id;

        private UUID shareId;

        @Override
        void check() {
            try {
                shareId = UUID.fromString(id.strip());
            } catch (IllegalArgumentException e) {
                throw new CliFailure("'" + id + "' is not a share id; 'healthwallet share list' shows them.");
            }
        }

        @Override
        int run(ShareWiring wiring) throws Exception {
            Sharing sharing = wiring.sharing();
            PrintWriter out = out();
            if (wiring.shares().findInterrupted(shareId).isPresent()) {
                sharing.withdraw(shareId);
                Optional<RelayDeletion> pending = sharing.relayDeletionOf(shareId);
                out.println("Unfinished share " + shareId + " withdrawn: " + (pending.isEmpty() ? "it is no longer on the"
                        + " relay, and any grant for it on the ledger is revoked." : "any grant for it on the ledger is revoked;"
                        + " " + relayWaits(wiring, pending.get())));
                out.flush();
                return Cli.EXIT_OK;
            }
            // The ledger first, said at once: from there on the link cannot be opened, whatever the relay does.
            Share share = sharing.revokeOnLedger(shareId);
            out.println("Revoked on the ledger: the link no longer opens (share " + share.id() + share.revokedAt()
                    .map(t -> ", revoked at " + t.truncatedTo(ChronoUnit.SECONDS)).orElse("") + ").");
            out.flush();
            Optional<RelayDeletion> pending = sharing.relayDeletionOf(shareId);
            if (pending.isPresent()) {
                pending = sharing.deleteFromRelay(pending.get());
            }
            out.println(pending.isEmpty() ? "The relay deleted its copy of the encrypted files."
                    : capitalized(relayWaits(wiring, pending.get())));
            out.flush();
            return Cli.EXIT_OK;
        }
    }
}
