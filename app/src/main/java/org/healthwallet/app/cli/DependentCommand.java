package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.family.Family;
import org.healthwallet.core.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code healthwallet dependent}: the wallets you hold for others. {@code add-child} makes a child's
 * wallet (own keys and vault, delegated to you on the ledger until 18); {@code list} shows them
 * (and removes a child's wallet the ledger shows was handed over); {@code refresh} fetches an
 * adult's records again into your copy; {@code hand-over} writes the file a young adult takes their
 * wallet over with. Act in one with {@code --profile NAME} on any command.
 */
@Command(name = "dependent", description = "The wallets you hold as a caregiver: add a child, list, refresh an adult's "
        + "copy, hand a child's wallet over at 18.",
        subcommands = {DependentCommand.AddChild.class, DependentCommand.ListDependents.class,
            DependentCommand.Refresh.class, DependentCommand.HandOver.class})
final class DependentCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.EXIT_USAGE;
    }

    static String describe(Dependent d, LocalDate today) {
        String who = d.kind() == Dependent.Kind.CHILD
                ? "child, " + d.ageOn(today).orElse(0) + " years" + (d.sensitiveRecordsHiddenOn(today)
                        ? " (sensitive records are the child's own from " + Dependent.PRIVACY_AGE + ")" : "")
                : "adult; your copy of their records";
        return d.label() + "  (" + who + ")  delegation: " + d.scope() + ", until "
                + DateTimeFormatter.ISO_LOCAL_DATE.format(d.endsAt().atZone(ZoneId.systemDefault()));
    }

    @Command(name = "add-child", description = "Make a child's wallet in yours: the child's own keys and records, "
            + "delegated to you on the ledger until the child turns 18.")
    static final class AddChild extends FamilyCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The child's name (kept encrypted).")
        String name;

        @Option(names = "--born", required = true, paramLabel = "YYYY-MM-DD", description = "The child's date of birth.")
        LocalDate born;

        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            Dependent child = family.family().addChild(name, born, family.ledger());
            out().println("Added " + child.label() + "'s wallet. Act in it with --profile \"" + child.label() + "\".");
            out().println(describe(child, LocalDate.now(family.clock())));
            out().flush();
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "list", description = "The wallets you hold for others. A child's wallet that the ledger shows was "
            + "handed over to the child is removed here.")
    static final class ListDependents extends FamilyCommand {
        @Option(names = "--offline", description = "Do not ask the ledger about hand-overs.")
        boolean offline;

        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            PrintWriter out = out();
            if (!offline && family.family().dependents().stream().anyMatch(d -> d.kind() == Dependent.Kind.CHILD)) {
                for (Dependent gone : family.family().removeHandedOver(family.ledger())) {
                    out.println(gone.label() + " has taken over their own wallet (the ledger shows the hand-over); your copy"
                            + " was removed.");
                }
            }
            List<Dependent> all = family.family().dependents();
            if (all.isEmpty()) {
                out.println("You hold no one else's wallet.");
            }
            LocalDate today = LocalDate.now(family.clock());
            for (Dependent d : all) {
                out.println(describe(d, today));
            }
            out.flush();
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "refresh", description = "Fetch an adult's records again into your copy (each fetch is in their "
            + "access log). Needs --profile NAME.")
    static final class Refresh extends FamilyCommand {
        @Option(names = "--as", paramLabel = "NAME", description = "How their access log names you (default: your wallet's name, else 'Caregiver').")
        String as;

        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            Family f = family.family();
            Dependent adult = dependentOfProfile(this, f);
            try (Vault copy = f.open(adult)) {
                Family.Refresh done = f.refresh(adult, copy, family.ledger(), family.fetcher(), recipient(family, as));
                out().println(done.unchanged() ? adult.label() + "'s records have not changed since your last refresh ("
                        + done.total() + " records)." : "Refreshed " + adult.label() + "'s records: " + done.added() + " new, "
                        + done.total() + " in all.");
            }
            out().flush();
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "hand-over", description = "Write the file with which a child, now grown up, takes over their "
            + "wallet; prints the one-time code that opens it (tell it separately). Needs --profile NAME.")
    static final class HandOver extends FamilyCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the transfer file.")
        Path out;

        @Override
        int run(FamilyWiring family, AppConfig config) throws Exception {
            Family f = family.family();
            Dependent child = dependentOfProfile(this, f);
            String code = f.exportHandOver(child, out, family.ledger().chainId());
            out().println("Wrote " + out + " for " + child.label() + ".");
            out().println("One-time code (give it to " + child.label() + " separately, not with the file): " + code);
            out().println(child.label() + " runs 'healthwallet take-over FILE' in their own wallet folder; once the ledger"
                    + " shows the hand-over, 'healthwallet dependent list' removes your copy.");
            out().flush();
            return Cli.EXIT_OK;
        }
    }

    /** The dependent --profile names. */
    static Dependent dependentOfProfile(WalletCommand command, Family family) throws Exception {
        String name = command.root().profile().orElseThrow(() -> new CliFailure(
                "Name the dependent with --profile NAME ('healthwallet dependent list' shows them)."));
        return family.find(name).orElseThrow(() -> new CliFailure("There is no dependent named '" + name
                + "' in this wallet; 'healthwallet dependent list' shows them."));
    }

    static String recipient(FamilyWiring family, String as) {
        if (as != null && !as.isBlank()) {
            return as.strip();
        }
        String own = family.owner().vault().map(Vault::label).orElse("");
        return own.isBlank() ? "Caregiver" : own.strip() + " (caregiver)";
    }
}
