package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.family.FamilyException;
import org.healthwallet.core.family.FamilyLedger;
import org.healthwallet.core.family.HandOverTransfer;
import org.healthwallet.core.family.RpcFamilyLedger;
import org.healthwallet.core.family.TakeOver;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.vault.CreatedVault;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.HandOverRecord;
import org.healthwallet.ledger.tx.Payload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code healthwallet take-over FILE}: a young adult takes over the wallet their parent kept for
 * them. Makes a new wallet here with a new recovery phrase, imports the records, and records on the
 * ledger that the old identity (which the parent also held) is handed over to the new key.
 */
@Command(name = "take-over", description = "Take over the wallet your parent kept for you, from the transfer file and"
        + " its one-time code: a new wallet here with keys only you hold.")
final class TakeOverCommand extends WalletCommand {
    @Parameters(paramLabel = "FILE", description = "The transfer file your parent wrote ('dependent hand-over').")
    Path file;

    @Option(names = "--code-file", required = true, paramLabel = "FILE",
            description = "A file holding the one-time code your parent gave you.")
    Path codeFile;

    @Option(names = "--consortium", paramLabel = "FILE",
            description = "The consortium configuration (default: $HEALTHWALLET_CONSORTIUM, else the embedded dev network).")
    Path consortium;

    @Override
    public Integer call() throws Exception {
        AppConfig config = consortium == null ? config() : config().withConsortiumFile(consortium);
        if (home().exists()) {
            throw new CliFailure("There is a wallet in " + config.dataDir() + " already; take over into a new, empty folder"
                    + " (--wallet DIR).");
        }
        String code = CaregiverCommand.textOrQr(codeFile, "one-time code").strip();
        HandOverTransfer transfer = HandOverTransfer.read(file, code);
        Profiles profiles = new Profiles(config.dataDir());
        Profile profile = profiles.owner().orElse(null);
        if (profile == null) {
            profile = profiles.create("");
        }
        Path vaultFile = profiles.vaultFile(profile);
        char[] secret = passphrase();
        CreatedVault created;
        try (ConsortiumSource source = ConsortiumSource.of(config)) {
            // The ledger's headers live in the owner's vault file: a first, unlocked wallet is made to hold them.
            try {
                created = withLedger(config, source, transfer, vaultFile, secret);
            } catch (FamilyException | RuntimeException e) {
                Files.deleteIfExists(vaultFile);
                throw e;
            }
        } finally {
            Arrays.fill(secret, '\0');
        }
        try (Vault vault = created.vault()) {
            PrintWriter out = out();
            out.println("Your wallet is yours now, " + transfer.name() + ": " + vault.records().size() + " records, and the ledger"
                    + " shows the hand-over. Your parent's copy is removed when their wallet next checks the ledger.");
            out.println();
            out.println("Your new recovery phrase (shown only this once; your parent never saw it):");
            List<String> words = created.phrase().words();
            for (int i = 0; i < words.size(); i += 6) {
                out.println("  " + String.join(" ", words.subList(i, Math.min(words.size(), i + 6))));
            }
            out.flush();
        }
        return Cli.EXIT_OK;
    }

    private CreatedVault withLedger(AppConfig config, ConsortiumSource source, HandOverTransfer transfer, Path vaultFile,
                                    char[] secret) throws Exception {
        try (LazyLedger ledger = new LazyLedger(config, source)) {
            return TakeOver.complete(transfer, vaultFile, secret, config.kdf(), ledger);
        }
    }

    /**
     * The ledger, opened on first use: its verified headers are kept in the owner's vault file,
     * which the take-over creates before it records the hand-over.
     */
    private static final class LazyLedger implements FamilyLedger, AutoCloseable {
        private final AppConfig config;
        private final ConsortiumSource source;
        private ProfileLedger opened;
        private RpcFamilyLedger ledger;
        /** The wallet the take-over made, whose file keeps the ledger (its seal opens it). */
        private Vault created;

        @Override
        public void walletCreated(Vault wallet) {
            created = wallet;
        }

        LazyLedger(AppConfig config, ConsortiumSource source) {
            this.config = config;
            this.source = source;
        }

        private FamilyLedger ledger() throws FamilyException {
            if (ledger == null) {
                try {
                    if (created == null) {
                        throw new LedgerException("The new wallet is not made yet; its ledger store is in it.");
                    }
                    opened = ProfileLedger.open(config.dataDir(), source, created.ledgerSeal());
                } catch (LedgerException e) {
                    throw new FamilyException(e.getMessage(), e);
                }
                ledger = new RpcFamilyLedger(opened.connection());
            }
            return ledger;
        }

        @Override
        public String chainId() {
            try {
                return source.config().chainId();
            } catch (LedgerException e) {
                throw new CliFailure(e.getMessage());
            }
        }

        @Override
        public void submit(Ed25519PublicKey key, UnaryOperator<byte[]> sign, Payload payload, String failure)
                throws FamilyException {
            ledger().submit(key, sign, payload, failure);
        }

        @Override
        public Optional<DelegationRecord> delegation(Ed25519PublicKey dependent, Ed25519PublicKey caregiver)
                throws FamilyException {
            return ledger().delegation(dependent, caregiver);
        }

        @Override
        public Optional<HandOverRecord> handOver(Ed25519PublicKey key) throws FamilyException {
            return ledger().handOver(key);
        }

        @Override
        public void close() {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
