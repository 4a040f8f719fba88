package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.PublicTables;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.client.RowSeal;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.ledger.SyncProgress;
import org.healthwallet.core.ledger.SyncRequest;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.cometbft.json.RfcTime;
import org.healthwallet.ledger.verify.Fraction;
import org.healthwallet.ledger.verify.LightBlockFile;
import org.healthwallet.ledger.verify.LightBlockFileException;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code healthwallet ledger}: the wallet's light client from the command line. {@code verify}
 * checks two light block files as the CometBFT light client specification says; {@code status},
 * {@code sync}, {@code checkpoint} and {@code accept-consortium} work on the owner profile's verified
 * headers, kept in clear in its wallet file but sealed under a key of the wallet's (so they ask for
 * the passphrase), against the configured consortium (by default the embedded dev network, started
 * in this process on loopback).
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Verify the consortium ledger's headers yourself.",
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Status.class, LedgerCommand.Sync.class,
            LedgerCommand.UseCheckpoint.class, LedgerCommand.AcceptConsortium.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  verify: 0 SUCCESS, 3 NOT_ENOUGH_TRUST, 4 INVALID, 1 unreadable file, 2 usage",
            "  status, sync, checkpoint: 0 done, 1 could not verify (the reason on stderr),",
            "          5 trust expired (enter a new checkpoint), 6 attack detected (the",
            "          primary node is no longer used)",
            "%nWithout --consortium (or $HEALTHWALLET_CONSORTIUM) they use the embedded",
            "dev network of the data folder, started on loopback while the command runs.",
            "They ask for the passphrase ($HEALTHWALLET_PASSPHRASE or --passphrase-file):",
            "the verified headers, the trust root and the pinned consortium file are kept",
            "in the wallet file under a seal only the unlocked wallet can make or check."
        })
final class LedgerCommand implements Callable<Integer> {
    /** The untrusted header could not be verified from the trusted one by skipping: verify one in between. */
    static final int EXIT_NOT_ENOUGH_TRUST = 3;
    /** The untrusted header is not valid. */
    static final int EXIT_INVALID = 4;
    /** The newest verified header is older than the trusting period. */
    static final int EXIT_TRUST_EXPIRED = 5;
    /** The primary node and a witness showed two verified histories. */
    static final int EXIT_ATTACK = 6;

    @Spec
    CommandSpec spec;

    /** Alone, it says which subcommands there are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.EXIT_USAGE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Verify an untrusted light block against a trusted one and print "
            + "SUCCESS, NOT_ENOUGH_TRUST or INVALID with the reason. A light block file has signed_header (as in "
            + "/commit), validator_set and next_validator_set (as in /validators).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--trusted", paramLabel = "FILE", required = true, description = "The light block you trust.")
        Path trusted;

        @Option(names = "--untrusted", paramLabel = "FILE", required = true, description = "The light block to verify.")
        Path untrusted;

        @Option(names = "--now", paramLabel = "TIME", required = true, converter = TimeValue.class,
                description = "The time to verify at, RFC 3339 (e.g. 2026-11-29T10:00:00Z).")
        Instant now;

        @Option(names = "--trust-level", paramLabel = "N/D", converter = TrustLevel.class,
                description = "Share of the trusted validators' power that must sign a skipped-to header, "
                        + "from 1/3 to 1 (default 1/3).")
        Fraction trustLevel = Options.DEFAULT.trustLevel();

        @Option(names = "--trusting-period", paramLabel = "DURATION", converter = PositiveDuration.class,
                description = "How long a trusted header stays a basis for verification, e.g. 168h, 14d, PT336H "
                        + "(default 168h).")
        Duration trustingPeriod = Options.DEFAULT.trustingPeriod();

        @Option(names = "--max-clock-drift", paramLabel = "DURATION", converter = Drift.class,
                description = "How far a header's time may be ahead of --now, e.g. 10s, 0s (default 10s).")
        Duration maxClockDrift = Options.DEFAULT.maxClockDrift();

        @Override
        public Integer call() {
            Options options = new Options(trustLevel, trustingPeriod, maxClockDrift);
            Verdict verdict;
            try {
                verdict = LightBlockFile.verify(trusted, untrusted, now, options);
            } catch (LightBlockFileException e) {
                throw new CliFailure(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(verdict instanceof Verdict.NotEnoughTrust ? verdict.describe() : LightBlockFile.verdictText(verdict));
            out.flush();
            if (verdict instanceof Verdict.NotEnoughTrust) {
                return EXIT_NOT_ENOUGH_TRUST;
            }
            return verdict.isSuccess() ? Cli.EXIT_OK : EXIT_INVALID;
        }
    }

    /** What status, sync and checkpoint share: the data folder's owner profile and the consortium. */
    abstract static class OnProfile implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--consortium", paramLabel = "FILE",
                description = "The consortium configuration (default: $HEALTHWALLET_CONSORTIUM, else the embedded "
                        + "dev network on loopback).")
        Path consortium;

        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "Read the passphrase from FILE (default: $HEALTHWALLET_PASSPHRASE).")
        Path passphraseFile;

        @Override
        public Integer call() throws VaultException {
            HealthWalletCommand root = (HealthWalletCommand) spec.root().userObject();
            AppConfig config = root.config();
            if (consortium != null) {
                config = config.withConsortiumFile(consortium);
            }
            RowSeal seal = seal(root, config);
            try (ConsortiumSource source = ConsortiumSource.of(config);
                 ProfileLedger ledger = open(config, source, seal)) {
                source.devnetDir().ifPresent(dir -> err().println("Using the dev network of " + dir + " on loopback."));
                return run(ledger);
            } catch (LedgerException e) {
                throw new CliFailure(e.getMessage());
            }
        }

        ProfileLedger open(AppConfig config, ConsortiumSource source, RowSeal seal) throws LedgerException {
            return ProfileLedger.open(config.dataDir(), source, seal);
        }

        /**
         * The owner's ledger seal, from the passphrase without unlocking the wallet (no profile lock),
         * so a sync runs while the app has the wallet open.
         */
        private RowSeal seal(HealthWalletCommand root, AppConfig config) throws VaultException {
            Profiles profiles = new Profiles(config.dataDir());
            Optional<Profile> owner = profiles.owner();
            if (owner.isEmpty() || !Files.exists(profiles.vaultFile(owner.get()))) {
                throw new CliFailure("There is no wallet in " + config.dataDir() + " yet; the ledger's verified headers are "
                        + "kept in your wallet's file. Create one first ('healthwallet init').");
            }
            char[] secret = root.secrets().read(passphraseFile, "--passphrase-file", "HEALTHWALLET_PASSPHRASE", "passphrase");
            try {
                return PublicTables.sealOf(profiles.vaultFile(owner.get()), secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }

        abstract int run(ProfileLedger ledger) throws LedgerException;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        void print(LedgerStatus status, ProfileLedger ledger) {
            String consortiumLine = ledger.source().file().map(f -> "file " + f)
                    .orElseGet(() -> "embedded dev network (" + ledger.source().devnetDir().orElseThrow() + ")");
            StatusText.print(status, consortiumLine, out());
            out().flush();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "What your wallet verified of the ledger, by whom it is signed, and "
            + "warnings. Asks no node.")
    static final class Status extends OnProfile {
        @Override
        int run(ProfileLedger ledger) throws LedgerException {
            print(ledger.connection().status(), ledger);
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Fetch and verify the ledger's headers up to the newest (or --height), "
            + "cross-checked with the witness nodes, and print the status.")
    static final class Sync extends OnProfile {
        @Option(names = "--height", paramLabel = "H", description = "Verify this height instead of the newest.")
        Long height;

        @Option(names = "--sequential", description = "Verify every height in turn instead of skipping (slower).")
        boolean sequential;

        @Override
        int run(ProfileLedger ledger) throws LedgerException {
            if (height != null && height < 1) {
                throw new CliFailure("--height must be 1 or more, not " + height + ".");
            }
            SyncRequest request = height == null ? SyncRequest.LATEST : SyncRequest.to(height);
            if (sequential) {
                request = request.sequential();
            }
            err().println("Verifying the ledger from " + ledger.connection().config().primary() + ", cross-checked with "
                    + ledger.connection().config().witnesses().size() + " witness(es)…");
            err().flush();
            LedgerStatus status = ledger.connection().sync(request, SyncProgress.NONE);
            print(status, ledger);
            return switch (status.lastOutcome()) {
                case SYNCED -> Cli.EXIT_OK;
                case TRUST_EXPIRED -> EXIT_TRUST_EXPIRED;
                case ATTACK -> EXIT_ATTACK;
                default -> {
                    err().println(Cli.oneLine(status.lastMessage()));
                    err().flush();
                    yield Cli.EXIT_FAILED;
                }
            };
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Trust the consortium's ledger from a new checkpoint (after trust "
            + "expired or an attack): forgets the headers verified so far. Then run 'ledger sync'.")
    static final class UseCheckpoint extends OnProfile {
        @Option(names = "--height", paramLabel = "H", required = true, description = "The checkpoint's height.")
        String height;

        @Option(names = "--hash", paramLabel = "HEX", required = true,
                description = "The checkpoint's header hash (64 hexadecimal digits).")
        String hash;

        @Override
        int run(ProfileLedger ledger) throws LedgerException {
            Checkpoint checkpoint = ledger.connection().checkpointOf(height, hash);
            LedgerStatus status = ledger.connection().useCheckpoint(checkpoint);
            out().println("The ledger will be verified from height " + checkpoint.height() + " ("
                    + checkpoint.headerHash().hex() + "); run 'healthwallet ledger sync'.");
            print(status, ledger);
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "accept-consortium", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Trust a changed consortium file (--consortium or $HEALTHWALLET_CONSORTIUM) from now on. "
                    + "Only for a file your consortium sent you: it names the nodes and the trust root your wallet uses.")
    static final class AcceptConsortium extends OnProfile {
        @Override
        ProfileLedger open(AppConfig config, ConsortiumSource source, RowSeal seal) throws LedgerException {
            if (source.file().isEmpty()) {
                throw new CliFailure("Name the consortium file to accept with --consortium FILE (or $HEALTHWALLET_CONSORTIUM).");
            }
            return ProfileLedger.openUnpinned(config.dataDir(), source, seal);
        }

        @Override
        int run(ProfileLedger ledger) throws LedgerException {
            ledger.connection().acceptConsortium();
            out().println("Your wallet now trusts the consortium file " + ledger.source().file().orElseThrow() + ".");
            out().flush();
            return Cli.EXIT_OK;
        }
    }

    static final class TimeValue implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return RfcTime.parse(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a time such as 2026-11-29T10:00:00Z");
            }
        }
    }

    static final class TrustLevel implements ITypeConverter<Fraction> {
        @Override
        public Fraction convert(String value) {
            Fraction f;
            try {
                f = Fraction.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a fraction such as 1/3");
            }
            if (!f.isAtLeast(Fraction.ONE_THIRD) || !f.isAtMost(new Fraction(1, 1))) {
                throw new TypeConversionException("the trust level must be from 1/3 to 1, not " + f);
            }
            return f;
        }
    }

    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = Drift.parse(value);
            if (d.isZero()) {
                throw new TypeConversionException("the trusting period must be longer than zero");
            }
            return d;
        }
    }

    static final class Drift implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }

        static Duration parse(String value) {
            Duration d;
            try {
                d = Options.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (d.isNegative()) {
                throw new TypeConversionException("a duration cannot be negative: " + value);
            }
            return d;
        }
    }
}
