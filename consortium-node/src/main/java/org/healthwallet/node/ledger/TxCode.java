package org.healthwallet.node.ledger;

/**
 * Result codes of CheckTx and FinalizeBlock (codespace {@value #CODESPACE}). The numbers are part
 * of the ledger's interface: relays and wallets branch on them. Documented in
 * ledger-light-client/docs/transactions.md.
 */
public enum TxCode {
    OK(0),
    MALFORMED(1),
    UNSUPPORTED_VERSION(2),
    BAD_SIGNATURE(3),
    BAD_NONCE(4),
    UNAUTHORIZED(5),
    NOT_FOUND(6),
    CONFLICT(7),
    EXPIRED(8),
    REVOKED(9),
    KEY_RETIRED(10),
    INVALID(11),
    NOT_READY(12);

    public static final String CODESPACE = "healthwallet";

    private final int code;

    TxCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TxCode of(int code) {
        for (TxCode c : values()) if (c.code == code) return c;
        throw new IllegalArgumentException("unknown code " + code);
    }
}
