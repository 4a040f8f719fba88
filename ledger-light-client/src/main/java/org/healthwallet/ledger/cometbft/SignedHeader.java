package org.healthwallet.ledger.cometbft;

import java.util.Objects;

/** A header and the commit that signed it. */
public record SignedHeader(Header header, Commit commit) {
    public SignedHeader {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(commit, "commit");
    }
}
