package org.healthwallet.e2e;

import java.util.ArrayList;
import java.util.List;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.access.AccessOpener;
import org.healthwallet.ledger.state.AccessEntry;

/** Who opened the shares, read as the patient's wallet reads it: each entry's sealed details opened with its seal key. */
final class SealedRecipients {
    private SealedRecipients() {
    }

    static List<String> of(Vault vault, String chainId, List<AccessEntry> entries) throws AccessOpener.Unopenable {
        List<String> recipients = new ArrayList<>();
        try (SealKey seal = SealKey.of(vault::sign)) {
            AccessOpener opener = seal.accessOpener(chainId);
            for (AccessEntry entry : entries) {
                recipients.add(opener.open(entry).recipient());
            }
        }
        return recipients;
    }
}
