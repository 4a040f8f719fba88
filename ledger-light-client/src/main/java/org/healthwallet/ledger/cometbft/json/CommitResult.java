package org.healthwallet.ledger.cometbft.json;

import java.util.Objects;
import org.healthwallet.ledger.cometbft.SignedHeader;

/** The result of /commit: a signed header, and whether its commit is the canonical one. */
public record CommitResult(SignedHeader signedHeader, boolean canonical) {
    public CommitResult {
        Objects.requireNonNull(signedHeader, "signedHeader");
    }
}
