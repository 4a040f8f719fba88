package org.healthwallet.e2e;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.share.HttpRelayClient;
import org.healthwallet.core.share.PatientSigner;
import org.healthwallet.core.share.RelayDeletion;
import org.healthwallet.core.share.RelayException;
import org.healthwallet.core.share.RpcGrantLedger;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareSelection;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.vault.Vault;

/**
 * The process {@link ShareRevocationKilledTest} kills: {@code WALLET_DIR VAULT_FILE CONSORTIUM_FILE
 * RUN} unlocks the wallet (passphrase in HEALTHWALLET_PASSPHRASE), wires sharing to the running dev
 * network's relay and ledger, prints {@code ready}, then forever makes a share ({@code created ID}),
 * revokes it on the ledger ({@code revoked ID}) and has the relay delete it ({@code deleted ID}).
 */
public final class ShareRevokeChild {
    private ShareRevokeChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        try (Vault vault = Vault.unlock(Path.of(args[1]), System.getenv("HEALTHWALLET_PASSPHRASE").toCharArray());
             ConsortiumSource source = ConsortiumSource.file(Path.of(args[2]));
             ProfileLedger ledger = ProfileLedger.open(Path.of(args[0]), source, vault.ledgerSeal())) {
            Sharing sharing = new Sharing(vault, HttpRelayClient.of(source.config().relay().orElseThrow()),
                    RpcGrantLedger.of(ledger.connection(), PatientSigner.of(vault)), Clock.systemUTC(), new SecureRandom());
            out.println("ready");
            out.flush();
            ShareSelection chosen = new ShareSelection.Categories(Set.of(Category.ALLERGIES));
            for (int i = 1; ; i++) {
                Share share;
                try {
                    share = sharing.create(ShareDraft.of(chosen, Clock.systemUTC().instant(), Duration.ofHours(1))
                            .withLabel(args[3] + "-" + i));
                } catch (RelayException e) {
                    if (e.status() != 429) {
                        throw e;
                    }
                    Thread.sleep(e.retryAfter().orElse(Duration.ofSeconds(1)).toMillis());
                    continue;
                }
                out.println("created " + share.id());
                out.flush();
                sharing.revokeOnLedger(share.id());
                out.println("revoked " + share.id());
                out.flush();
                Optional<RelayDeletion> pending = sharing.relayDeletionOf(share.id());
                if (pending.isPresent() && sharing.deleteFromRelay(pending.get()).isPresent()) {
                    throw new AssertionError("the relay did not delete " + share.id());
                }
                out.println("deleted " + share.id());
                out.flush();
            }
        }
    }
}
