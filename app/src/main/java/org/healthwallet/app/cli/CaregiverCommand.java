package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.app.share.ShareWiring;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.core.family.CaregiverCode;
import org.healthwallet.core.family.Caregivers;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.ledger.tx.DelegationScope;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code healthwallet caregiver}: who may act for you, and becoming someone's caregiver. The
 * caregiver shows their {@code code}; you {@code invite} them with a scope and an end date (a
 * delegation on the ledger, and an invitation only their wallet opens); they {@code accept} it on
 * their machine. You {@code list}, {@code renew} and {@code revoke}; only you can renew.
 */
@Command(name = "caregiver", description = "Caregivers: show your caregiver code, invite a caregiver, accept an "
        + "invitation, list, renew, revoke.",
        subcommands = {CaregiverCommand.Code.class, CaregiverCommand.Invite.class, CaregiverCommand.Accept.class,
            CaregiverCommand.ListCaregivers.class, CaregiverCommand.Renew.class, CaregiverCommand.Revoke.class})
final class CaregiverCommand implements Callable<Integer> {
    static final int QR_SIZE_PX = 640;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.EXIT_USAGE;
    }

    /** {@code records,share,revoke} (any of them, comma separated). */
    static final class ScopeWords implements ITypeConverter<DelegationScope> {
        @Override
        public DelegationScope convert(String value) {
            int bits = 0;
            for (String word : value.toLowerCase(Locale.ROOT).split(",")) {
                bits |= switch (word.strip()) {
                    case "records", "read" -> DelegationScope.RECORDS;
                    case "share" -> DelegationScope.SHARE;
                    case "revoke" -> DelegationScope.REVOKE;
                    case "hand-over" -> throw new TypeConversionException("a caregiver of an adult never gets hand-over");
                    default -> throw new TypeConversionException("'" + word.strip() + "' is not one of records, share, revoke");
                };
            }
            return new DelegationScope(bits);
        }
    }

    /** A day (the end of it, in this computer's zone) or an instant. */
    static final class EndDate implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? Instant.parse(value)
                        : LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date like 2027-06-30");
            }
        }
    }

    /**
     * The text in a file, or the text of the QR code in a PNG image; a missing, unreadable or
     * code-less file is a sentence, not a stack trace.
     */
    static String textOrQr(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new CliFailure("There is no file " + file + " to read the " + what + " from.");
        }
        try {
            return file.toString().toLowerCase(Locale.ROOT).endsWith(".png") ? QrCode.decode(file)
                    : Files.readString(file, StandardCharsets.UTF_8);
        } catch (org.healthwallet.core.share.QrCodeException e) {
            throw new CliFailure("No " + what + " could be read from the image " + file + ": " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new CliFailure("The " + what + " in " + file + " cannot be read: " + e.getMessage());
        }
    }

    static String day(Instant at) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(at.minusSeconds(1).atZone(ZoneId.systemDefault()));
    }

    @Command(name = "code", description = "Print your caregiver code (and write it as a QR with --qr), for a person who"
            + " will invite you to act for them.")
    static final class Code extends WalletCommand {
        @Option(names = "--qr", paramLabel = "FILE.png", description = "Write the code as a QR image.")
        Path qr;

        @Override
        public Integer call() throws Exception {
            try (var owner = unlockOwn()) {
                String text = CaregiverCode.of(owner.vault().orElseThrow()).text();
                out().println(text);
                if (qr != null) {
                    Files.write(qr, QrCode.encode(text, QR_SIZE_PX));
                }
                out().flush();
            }
            return Cli.EXIT_OK;
        }
    }

    static final class CodeSource {
        @Option(names = "--code", paramLabel = "CODE", description = "The caregiver's code (hwcaregiver:/…).")
        String text;

        @Option(names = "--code-file", paramLabel = "FILE", description = "A file holding the caregiver's code, or a QR image of it.")
        Path file;

        String read() throws Exception {
            if (text != null) {
                return text;
            }
            return textOrQr(file, "caregiver code");
        }
    }

    @Command(name = "invite", description = "Let a caregiver act for you: records (read your records and access log, in a"
            + " copy kept current), share, revoke; until a date at most 18 months away. Writes the invitation that only"
            + " their wallet opens.")
    static final class Invite extends FamilyCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        CodeSource code;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "How you name the caregiver (kept in your wallet).")
        String name;

        @Option(names = "--as", paramLabel = "NAME", description = "How the caregiver will see you named (default: your wallet's name).")
        String as;

        @Option(names = "--scope", required = true, paramLabel = "LIST", converter = ScopeWords.class,
                description = "What they may do, comma separated: records, share, revoke.")
        DelegationScope scope;

        @Option(names = "--ends", required = true, paramLabel = "YYYY-MM-DD", converter = EndDate.class,
                description = "The last day of the delegation (at most 18 months away).")
        Instant ends;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the invitation text to FILE.")
        Path out;

        @Option(names = "--qr", paramLabel = "FILE.png", description = "Write the invitation as a QR image.")
        Path qr;

        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            CaregiverCode caregiver = CaregiverCode.parse(code.read());
            Caregivers.Invited invited = family.caregivers().invite(caregiver, name, as, scope, ends);
            if (out != null) {
                Files.writeString(out, invited.invitationText() + "\n", StandardCharsets.UTF_8);
            }
            if (qr != null) {
                Files.write(qr, QrCode.encode(invited.invitationText(), QR_SIZE_PX));
            }
            PrintWriter o = out();
            o.println("Invited " + name.strip() + " (" + scope + ") until " + day(ends) + "; the delegation is on the ledger.");
            if (out == null && qr == null) {
                o.println(invited.invitationText());
            }
            o.println("Give them the invitation; they run 'healthwallet caregiver accept FILE'.");
            o.flush();
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "accept", description = "Accept an invitation to be someone's caregiver: checks the delegation on the"
            + " ledger and fetches your copy of their records.")
    static final class Accept extends FamilyCommand {
        @Parameters(paramLabel = "FILE", description = "The invitation (its text, or a QR image .png).")
        Path file;

        @Option(names = "--as", paramLabel = "NAME", description = "How their access log names you (default: your wallet's name, else 'Caregiver').")
        String as;

        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            String text = textOrQr(file, "invitation");
            Dependent adult = family.family().accept(text, family.ledger(), family.fetcher(),
                    DependentCommand.recipient(family, as));
            out().println("You are now " + adult.label() + "'s caregiver (" + adult.scope() + ") until " + day(adult.endsAt())
                    + ". Act for them with --profile \"" + adult.label() + "\".");
            out().flush();
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "list", description = "Who may act for you: scope, end date, state.")
    static final class ListCaregivers extends FamilyCommand {
        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            List<Caregiver> all = Caregivers.listIn(family.owner().vault().orElseThrow());
            PrintWriter o = out();
            if (all.isEmpty()) {
                o.println("No one may act for you.");
            }
            Instant now = family.clock().instant();
            for (Caregiver c : all) {
                o.println(c.id().toString().substring(0, 8) + "  " + c.label() + "  " + c.scope() + "  until " + day(c.endsAt())
                        + "  " + c.state(now).name().toLowerCase(Locale.ROOT));
            }
            o.flush();
            return Cli.EXIT_OK;
        }
    }

    static Caregiver find(Caregivers caregivers, String idOrName) throws Exception {
        Optional<Caregiver> found = caregivers.list().stream()
                .filter(c -> c.id().toString().startsWith(idOrName) || c.label().equalsIgnoreCase(idOrName.strip()))
                .findFirst();
        return found.orElseThrow(() -> new CliFailure("There is no caregiver '" + idOrName + "'; 'healthwallet caregiver list' shows them."));
    }

    @Command(name = "renew", description = "Move a caregiver's end date (at most 18 months away). Only you can renew.")
    static final class Renew extends FamilyCommand {
        @Parameters(paramLabel = "CAREGIVER", description = "The caregiver's name or id (from 'caregiver list').")
        String who;

        @Option(names = "--ends", required = true, paramLabel = "YYYY-MM-DD", converter = EndDate.class,
                description = "The new last day.")
        Instant ends;

        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            if (root().profile().isPresent()) {
                throw new CliFailure("Only the person a delegation is for can renew it; as their caregiver you cannot.");
            }
            Caregivers caregivers = family.caregivers();
            Caregiver renewed = caregivers.renew(find(caregivers, who).id(), ends);
            out().println("Renewed " + renewed.label() + " until " + day(renewed.endsAt()) + ".");
            out().flush();
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "revoke", description = "End a caregiver's delegation now: their copy stops refreshing and every link"
            + " they made stops working.")
    static final class Revoke extends FamilyCommand {
        @Parameters(paramLabel = "CAREGIVER", description = "The caregiver's name or id (from 'caregiver list').")
        String who;

        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            Caregivers caregivers = family.caregivers();
            Caregiver revoked = caregivers.revoke(find(caregivers, who).id());
            out().println("Ended " + revoked.label() + "'s delegation; it is recorded on the ledger.");
            // Their copy link is revoked on the ledger with it; the relay may still have to delete the files.
            if (revoked.copyShare().isPresent()) {
                java.util.Optional<org.healthwallet.core.share.RelayDeletion> pending =
                        family.sharing().sharing().relayDeletionOf(revoked.copyShare().get());
                ShareWiring wiring = family.sharing();
                out().println("Their copy link is revoked on the ledger. " + pending.map(d -> ShareCommand.capitalized(
                        ShareCommand.relayWaits(wiring, d))).orElse("The relay deleted its copy of the encrypted files."));
            }
            out().flush();
            return Cli.EXIT_OK;
        }
    }
}
